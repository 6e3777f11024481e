import { readXml, writeXml } from "../../backend/cib/index.js";
import {
  cibDigest,
  md5Hex,
  patchsetDigest,
  replayJournal,
  type JournalRecord,
  type PersistedCib,
} from "../cib/index.js";
import type { CibFiles } from "./cib-files.js";

/** What a node starts its CIB core with. */
export interface LoadedCib {
  readonly persisted: PersistedCib | undefined;
  readonly pending: readonly string[];
}

export interface CibStoreTiming {
  /** cib.xml is written once commits pause this long… */
  readonly snapshotQuietMs: number;
  /** …or at the latest this long after the first commit it does not hold yet. */
  readonly snapshotLatestMs: number;
}

export const cibStoreDefaults: CibStoreTiming = { snapshotQuietMs: 30, snapshotLatestMs: 500 };

/**
 * The CIB's durability on one node, write-ahead: an accepted write is appended to cib.journal
 * and fdatasync'ed before the node says so (the one disk wait on a commit's path); a commit
 * appends a marker; cib.xml + .sig (atomic, fsync'ed, archived) follow once commits pause, and
 * then the journal is cut back to the writes still pending. A whole CIB adopted from a peer
 * is written at once. At start the journal's commits are replayed on cib.xml.
 */
export class CibStore {
  /** Accepted writes in the journal, by the digest of their result. */
  readonly #accepted = new Map<string, string>();
  readonly #committed = new Set<string>();
  /** The core's last pending list: what the journal must keep past a snapshot. */
  readonly #listed = new Set<string>();
  #unwritten: PersistedCib | undefined;
  #quietTimer: NodeJS.Timeout | undefined;
  #latestTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly files: CibFiles,
    readonly timing: CibStoreTiming = cibStoreDefaults,
  ) {}

  /**
   * cib.xml with the journal's commits replayed (a refused cib.xml is passed on unchanged, for
   * the core to refuse), and the writes accepted but not committed.
   */
  load(): LoadedCib {
    const raw = this.files.load();
    const records = this.files.loadJournal();
    for (const record of records) {
      if (record.kind === "accepted") {
        this.#accepted.set(record.digest, record.patchsetXml);
        this.#listed.add(record.digest);
      } else this.#committed.add(record.digest);
    }
    const read = raw === undefined ? undefined : readXml(raw.cibXml);
    const valid =
      read?.ok === true && cibDigest(read.value) === raw?.digest ? read.value : undefined;
    const replayed = replayJournal(valid, records);
    if (valid === undefined || replayed.cib === undefined) {
      return { persisted: raw, pending: replayed.pending };
    }
    const digest = cibDigest(replayed.cib);
    if (digest === raw?.digest) return { persisted: raw, pending: replayed.pending };
    const persisted = { cibXml: writeXml(replayed.cib), digest };
    this.#snapshot(persisted);
    return { persisted, pending: replayed.pending };
  }

  /** The core's pending list: new entries go to the journal, on disk before this returns. */
  accepted(pending: readonly string[]): void {
    const records: JournalRecord[] = [];
    this.#listed.clear();
    for (const patchsetXml of pending) {
      // Writes carry the digest of their result (the CIB host adds it); the text's own hash
      // keys one that does not, whose commit then writes cib.xml at once.
      const digest = patchsetDigest(patchsetXml) ?? md5Hex(patchsetXml);
      this.#listed.add(digest);
      if (this.#accepted.has(digest)) continue;
      this.#accepted.set(digest, patchsetXml);
      records.push({ kind: "accepted", digest, patchsetXml });
    }
    this.files.appendJournal(records, true);
  }

  /** A committed CIB: a marker when the journal holds its write, else cib.xml now. */
  committed(persisted: PersistedCib): void {
    if (!this.#accepted.has(persisted.digest)) {
      this.#snapshot(persisted);
      return;
    }
    this.#committed.add(persisted.digest);
    this.files.appendJournal([{ kind: "committed", digest: persisted.digest }], false);
    this.#unwritten = persisted;
    if (this.#quietTimer !== undefined) clearTimeout(this.#quietTimer);
    this.#quietTimer = setTimeout(() => this.flush(), this.timing.snapshotQuietMs);
    this.#latestTimer ??= setTimeout(() => this.flush(), this.timing.snapshotLatestMs);
  }

  /** Writes cib.xml for the newest commit it does not hold yet. */
  flush(): void {
    const unwritten = this.#unwritten;
    if (unwritten !== undefined) this.#snapshot(unwritten);
  }

  close(): void {
    this.flush();
    this.files.closeJournal();
  }

  #snapshot(persisted: PersistedCib): void {
    this.#unwritten = undefined;
    clearTimeout(this.#quietTimer);
    clearTimeout(this.#latestTimer);
    this.#quietTimer = undefined;
    this.#latestTimer = undefined;
    this.files.save(persisted);
    const keep: JournalRecord[] = [];
    for (const [digest, patchsetXml] of this.#accepted) {
      const settled = this.#committed.has(digest) || digest === persisted.digest;
      if (settled || !this.#listed.has(digest)) this.#accepted.delete(digest);
      else keep.push({ kind: "accepted", digest, patchsetXml });
    }
    this.#committed.clear();
    this.files.rewriteJournal(keep);
  }
}
