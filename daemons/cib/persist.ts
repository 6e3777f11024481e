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
  /** Writes this node accepted and has not seen committed (JSON list of patchset XML). */
  pending: "cib.pending",
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

/** The pending-writes file's text for a list of patchsets (XML). */
export function pendingText(pending: readonly string[]): string {
  return `${JSON.stringify(pending)}\n`;
}

/** Reads the pending-writes file: a JSON list of strings, else undefined (ignored). */
export function parsePending(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value) || !value.every((entry) => typeof entry === "string"))
      return undefined;
    return value as string[];
  } catch {
    return undefined;
  }
}
