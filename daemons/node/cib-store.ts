import { readXml } from "../../backend/cib/index.js";
import {
  heldCibDigest,
  indentedText,
  journalKey,
  replayJournal,
  type JournalRecord,
  type PersistedCib,
} from "../cib/index.js";
import type { CibFiles } from "./cib-files.js";
import { nativeMd5 } from "./cib-prepare.js";

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
  /** Accepted writes in the journal, by their key (journalKey). */
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
        this.#accepted.set(record.key, record.patchsetXml);
        this.#listed.add(record.key);
      } else this.#committed.add(record.key);
    }
    const read = raw === undefined ? undefined : readXml(raw.cibXml);
    const valid =
      read?.ok === true && heldCibDigest(read.value, nativeMd5) === raw?.digest
        ? read.value
        : undefined;
    const replayed = replayJournal(valid, records);
    if (valid === undefined || replayed.cib === undefined) {
      return { persisted: raw, pending: replayed.pending };
    }
    const digest = heldCibDigest(replayed.cib, nativeMd5);
    if (digest === raw?.digest) return { persisted: raw, pending: replayed.pending };
    const persisted = { cibXml: indentedText(replayed.cib), digest };
    this.#snapshot(persisted);
    return { persisted, pending: replayed.pending };
  }

  /** The core's pending list: new entries go to the journal, on disk before this returns. */
  accepted(pending: readonly string[]): void {
    const records: JournalRecord[] = [];
    this.#listed.clear();
    for (const patchsetXml of pending) {
      const key = journalKey(patchsetXml);
      this.#listed.add(key);
      if (this.#accepted.has(key)) continue;
      this.#accepted.set(key, patchsetXml);
      records.push({ kind: "accepted", key, patchsetXml });
    }
    this.files.appendJournal(records, true);
  }

  /**
   * A committed CIB: a marker when the journal holds its write (`write`, its patchset XML),
   * else (a CIB adopted whole) cib.xml now.
   */
  committed(persisted: PersistedCib, write?: string): void {
    const key = write === undefined ? undefined : journalKey(write);
    if (key === undefined || !this.#accepted.has(key)) {
      this.#snapshot(persisted);
      return;
    }
    this.#committed.add(key);
    this.files.appendJournal([{ kind: "committed", key }], false);
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
    for (const [key, patchsetXml] of this.#accepted) {
      if (this.#committed.has(key) || !this.#listed.has(key)) this.#accepted.delete(key);
      else keep.push({ kind: "accepted", key, patchsetXml });
    }
    this.#committed.clear();
    this.files.rewriteJournal(keep);
  }
}
