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

/** Under a stream of commits, snapshots pause this many times as long as the last one took. */
const snapshotCostFactor = 10;

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
  /** The copy being written in the background. */
  #writing: PersistedCib | undefined;
  /** Moves on at every snapshot decision: a background write of an older one is dropped. */
  #generation = 0;

  constructor(
    readonly files: CibFiles,
    readonly timing: CibStoreTiming = cibStoreDefaults,
    readonly onError: (error: unknown) => void = () => undefined,
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

  /**
   * Writes cib.xml for the newest commit it does not hold yet, in the background (the event
   * loop keeps serving the cluster while a large CIB is written), one write at a time; the
   * journal is cut once that copy is in place. Commits made meanwhile are written after a
   * pause of snapshotLatestMs (longer for a CIB slow to write), so a stream of commits costs a
   * few snapshots a second at most.
   */
  flush(): void {
    const unwritten = this.#unwritten;
    if (unwritten === undefined || this.#writing !== undefined) return;
    this.#clearTimers();
    this.#unwritten = undefined;
    const generation = ++this.#generation;
    const settled = new Set(this.#committed);
    const startedMs = performance.now();
    const persisted = { cibXml: unwritten.cibXml, digest: unwritten.digest };
    this.#writing = persisted;
    this.files
      .saveInBackground(persisted, () => generation === this.#generation)
      .then(
        (placed) => {
          if (placed) this.#cutJournal(settled);
        },
        // The journal still holds every commit: the next snapshot tries again.
        (error: unknown) => this.onError(error),
      )
      .finally(() => {
        if (generation !== this.#generation) return;
        this.#writing = undefined;
        if (this.#unwritten === undefined) return;
        this.#clearTimers();
        // A CIB that takes long to write is written less often (the journal has the rest).
        const tookMs = performance.now() - startedMs;
        const pauseMs = Math.max(this.timing.snapshotLatestMs, tookMs * snapshotCostFactor);
        this.#latestTimer = setTimeout(() => this.flush(), pauseMs);
      });
  }

  /** Writes what is not on disk yet at once (a background write in flight is dropped). */
  close(): void {
    const newest = this.#unwritten ?? this.#writing;
    if (newest !== undefined) this.#snapshot(newest);
    this.files.closeJournal();
  }

  #clearTimers(): void {
    clearTimeout(this.#quietTimer);
    clearTimeout(this.#latestTimer);
    this.#quietTimer = undefined;
    this.#latestTimer = undefined;
  }

  /** Writes cib.xml now (a CIB adopted whole, a replayed start, a stop), then cuts the journal. */
  #snapshot(persisted: PersistedCib): void {
    this.#clearTimers();
    this.#unwritten = undefined;
    this.#writing = undefined;
    this.#generation += 1;
    this.files.save(persisted);
    this.#cutJournal(new Set(this.#committed));
  }

  /**
   * The journal once cib.xml holds the commits `settled`: the writes still pending, and the
   * commits made since (with their writes), so a crash replays them on that cib.xml.
   */
  #cutJournal(settled: ReadonlySet<string>): void {
    const keep: JournalRecord[] = [];
    const markers: JournalRecord[] = [];
    for (const [key, patchsetXml] of this.#accepted) {
      const committedSince = this.#committed.has(key) && !settled.has(key);
      if (settled.has(key) || (!committedSince && !this.#listed.has(key))) {
        this.#accepted.delete(key);
        this.#committed.delete(key);
        continue;
      }
      keep.push({ kind: "accepted", key, patchsetXml });
      if (committedSince) markers.push({ kind: "committed", key });
    }
    this.files.rewriteJournal([...keep, ...markers]);
  }
}
