import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { open, rm } from "node:fs/promises";
import { join } from "node:path";
import {
  archiveName,
  cibArchivesKept,
  cibFileNames,
  nextArchiveSlot,
  parseLastSlot,
  journalLine,
  parseJournal,
  parseSignature,
  signatureName,
} from "../cib/index.js";
import type { JournalRecord, PersistedCib } from "../cib/index.js";

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Writes and fsyncs a temporary file; the caller renames it into place. */
function writeSynced(path: string, data: string): void {
  const file = openSync(path, "w", 0o600);
  try {
    writeSync(file, data);
    fsyncSync(file);
  } finally {
    closeSync(file);
  }
}

/** writeSynced() through the thread pool, so the event loop goes on meanwhile. */
async function writeSyncedInBackground(path: string, data: string): Promise<void> {
  const file = await open(path, "w", 0o600);
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
}

function syncFolder(path: string): void {
  const folder = openSync(path, "r");
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}

/**
 * One node's CIB on disk (its state folder): cib.xml and cib.xml.sig written atomically
 * together, the version they replace kept as cib-N.raw (+ .sig), the newest `kept` of them.
 */
export class CibFiles {
  #last: number | undefined;
  #journal: number | undefined;
  #backgroundSaves = 0;

  constructor(
    readonly folder: string,
    readonly kept = cibArchivesKept,
  ) {
    this.#last = parseLastSlot(readText(join(folder, cibFileNames.last)));
  }

  /**
   * What the folder holds: undefined when there is no cib.xml (a new node). A cib.xml with a
   * missing or unreadable signature is returned with an empty digest, so the CIB core refuses it.
   */
  load(): PersistedCib | undefined {
    const cibXml = readText(join(this.folder, cibFileNames.cib));
    if (cibXml === undefined) return undefined;
    const digest = parseSignature(readText(join(this.folder, cibFileNames.signature))) ?? "";
    return { cibXml, digest };
  }

  /**
   * Archives the current cib.xml (a hard link, so no copy), then writes the new one and its
   * signature: temporary files, fsync, rename, fsync of the folder. After a crash in between,
   * either the old pair or the new pair is in place (or a mismatched pair, which is refused).
   */
  save(persisted: PersistedCib): void {
    this.#archiveCurrent();
    const cibPath = join(this.folder, cibFileNames.cib);
    const signaturePath = join(this.folder, cibFileNames.signature);
    const suffix = `.tmp-${process.pid}`;
    writeSynced(cibPath + suffix, persisted.cibXml);
    writeSynced(signaturePath + suffix, persisted.digest);
    renameSync(cibPath + suffix, cibPath);
    renameSync(signaturePath + suffix, signaturePath);
    syncFolder(this.folder);
  }

  /**
   * save() with its slow part, writing and fsyncing the new files, off the event loop. Just
   * before the renames `wanted()` is asked (a newer save since may have made this one stale);
   * the archive, renames and folder fsync then happen at once, in one turn of the event loop.
   * Resolves true when the new pair is in place.
   */
  async saveInBackground(persisted: PersistedCib, wanted: () => boolean): Promise<boolean> {
    const cibPath = join(this.folder, cibFileNames.cib);
    const signaturePath = join(this.folder, cibFileNames.signature);
    const suffix = `.tmp-${process.pid}-${++this.#backgroundSaves}`;
    try {
      await writeSyncedInBackground(cibPath + suffix, persisted.cibXml);
      await writeSyncedInBackground(signaturePath + suffix, persisted.digest);
      if (!wanted()) return false;
      this.#archiveCurrent();
      renameSync(cibPath + suffix, cibPath);
      renameSync(signaturePath + suffix, signaturePath);
      syncFolder(this.folder);
      return true;
    } finally {
      await rm(cibPath + suffix, { force: true });
      await rm(signaturePath + suffix, { force: true });
    }
  }

  /** The journal's records (a torn last line is skipped). */
  loadJournal(): JournalRecord[] {
    return parseJournal(readText(join(this.folder, cibFileNames.journal)));
  }

  /** Appends records to the journal; with `sync`, they are on disk when this returns. */
  appendJournal(records: readonly JournalRecord[], sync: boolean): void {
    if (records.length === 0) return;
    this.#journal ??= openSync(join(this.folder, cibFileNames.journal), "a", 0o600);
    writeSync(this.#journal, records.map(journalLine).join(""));
    if (sync) fdatasyncSync(this.#journal);
  }

  /** Replaces the journal atomically with `records` (after a snapshot made the rest useless). */
  rewriteJournal(records: readonly JournalRecord[]): void {
    this.closeJournal();
    const path = join(this.folder, cibFileNames.journal);
    writeSynced(`${path}.tmp-${process.pid}`, records.map(journalLine).join(""));
    renameSync(`${path}.tmp-${process.pid}`, path);
    syncFolder(this.folder);
  }

  closeJournal(): void {
    if (this.#journal !== undefined) closeSync(this.#journal);
    this.#journal = undefined;
  }

  /** Moves a refused cib.xml (and its signature) aside, so it is neither used nor lost. */
  setAside(): void {
    const moves = [
      [cibFileNames.cib, cibFileNames.refused],
      [cibFileNames.signature, cibFileNames.refusedSignature],
    ] as const;
    for (const [from, to] of moves) {
      if (existsSync(join(this.folder, from)))
        renameSync(join(this.folder, from), join(this.folder, to));
    }
    syncFolder(this.folder);
  }

  #archiveCurrent(): void {
    const cibPath = join(this.folder, cibFileNames.cib);
    if (!existsSync(cibPath)) return;
    const slot = nextArchiveSlot(this.#last, this.kept);
    const archive = join(this.folder, archiveName(slot));
    rmSync(archive, { force: true });
    rmSync(signatureName(archive), { force: true });
    linkSync(cibPath, archive);
    const signaturePath = join(this.folder, cibFileNames.signature);
    if (existsSync(signaturePath)) linkSync(signaturePath, signatureName(archive));
    this.#last = slot;
    const lastPath = join(this.folder, cibFileNames.last);
    writeFileSync(`${lastPath}.tmp`, `${slot}\n`);
    renameSync(`${lastPath}.tmp`, lastPath);
  }
}
