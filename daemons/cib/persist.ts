import { md5Hex } from "../../backend/cib/index.js";

/**
 * How the CIB lies on disk, as Pacemaker keeps it in /var/lib/pacemaker/cib: `cib.xml` with its
 * digest in `cib.xml.sig`, the previous versions as `cib-N.raw` + `cib-N.raw.sig`, and the last
 * archive number in `cib.last`. Pure: names and decisions; daemons/node does the I/O.
 */

/** Archived versions kept beside cib.xml by default. */
export const cibArchivesKept = 10;

export const cibFileNames = {
  cib: "cib.xml",
  signature: "cib.xml.sig",
  last: "cib.last",
  /** Writes this node accepted, and which it committed (see JournalRecord). */
  journal: "cib.journal",
  /** A refused cib.xml is moved here (and its signature beside it), for a human to look at. */
  refused: "cib.xml.refused",
  refusedSignature: "cib.xml.sig.refused",
} as const;

export function archiveName(slot: number): string {
  return `cib-${slot}.raw`;
}

export function signatureName(file: string): string {
  return `${file}.sig`;
}

/**
 * The archive slot the current cib.xml goes to before a new one replaces it: the one after
 * `last` (from cib.last; undefined when there is none yet), wrapping at `kept`, so the slots
 * hold the `kept` newest versions.
 */
export function nextArchiveSlot(last: number | undefined, kept: number): number {
  if (last === undefined || !Number.isSafeInteger(last) || last < 0) return 0;
  return (last + 1) % kept;
}

/** Reads cib.last's text: a non-negative integer, else undefined (start over at slot 0). */
export function parseLastSlot(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** A signature file's digest: 32 lowercase hex digits, else undefined (a refused copy). */
export function parseSignature(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim().toLowerCase();
  return /^[0-9a-f]{32}$/.test(trimmed) ? trimmed : undefined;
}

/**
 * The CIB journal (`cib.journal`, one JSON record a line): `accepted` is a write this node
 * accepted (fsync'ed before it says so), `committed` marks that write as committed here. A
 * write is known by its key, the MD5 of its patchset XML (journalKey). cib.xml is a snapshot
 * written after a pause; at start the journal's committed writes are replayed on it, and the
 * accepted-but-not-committed ones are pending.
 */
export type JournalRecord =
  | { readonly kind: "accepted"; readonly key: string; readonly patchsetXml: string }
  | { readonly kind: "committed"; readonly key: string };

/** The key the journal knows a write by. */
export function journalKey(patchsetXml: string): string {
  return md5Hex(patchsetXml);
}

export function journalLine(record: JournalRecord): string {
  return `${JSON.stringify(record)}\n`;
}

function journalRecord(line: string): JournalRecord | undefined {
  try {
    const value = JSON.parse(line) as Record<string, unknown>;
    // Journals written before writes were keyed by their patchset named them by the digest
    // of their result, in accepted and committed records alike: still one key per write.
    const key = value["key"] ?? value["digest"];
    if (typeof key !== "string") return undefined;
    if (value["kind"] === "committed") return { kind: "committed", key };
    const patchsetXml = value["patchsetXml"];
    if (value["kind"] === "accepted" && typeof patchsetXml === "string") {
      return { kind: "accepted", key, patchsetXml };
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** Reads the journal's text; a torn or foreign line (a crash mid-append) is skipped. */
export function parseJournal(text: string | undefined): JournalRecord[] {
  if (text === undefined) return [];
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .flatMap((line) => journalRecord(line) ?? []);
}
