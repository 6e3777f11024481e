import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Writes a state file atomically: temp file, fsync, rename, fsync of the folder. */
export function writeFileAtomic(path: string, data: Uint8Array | string, mode = 0o644): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, data, { mode });
  const file = openSync(temporary, "r");
  fsyncSync(file);
  closeSync(file);
  renameSync(temporary, path);
  const folder = openSync(dirname(path), "r");
  fsyncSync(folder);
  closeSync(folder);
}

/** corosync's `ringid_<nodeid>`: the highest ring sequence, 8 bytes, so it grows across restarts. */
export function ringSeqPath(stateDir: string, nodeid: number): string {
  return join(stateDir, `ringid_${nodeid}`);
}

export function readRingSeq(stateDir: string, nodeid: number): number {
  try {
    const bytes = readFileSync(ringSeqPath(stateDir, nodeid));
    if (bytes.length !== 8) return 0;
    return Number(bytes.readBigUInt64BE(0));
  } catch {
    return 0;
  }
}

export function writeRingSeq(stateDir: string, nodeid: number, seq: number): void {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(seq));
  writeFileAtomic(ringSeqPath(stateDir, nodeid), bytes);
}
