import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fail, ok, type Result } from "../../backend/base/index.js";

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

/** A start refused because another quorated holds the state folder (an edge failure). */
export class StateDirectoryLocked extends Error {
  override readonly name = "StateDirectoryLocked";
  readonly code = "state_dir_locked";

  constructor(message: string) {
    super(message);
    // What quorated prints when it cannot start: the reason, not a stack (nothing broke).
    this.stack = message;
  }
}

/** The state folder's lock: quorated.pid, made with O_EXCL and holding the owner's pid. */
export interface StateLock {
  readonly path: string;
  /** Removes the pid file (only while it is still ours). */
  release(): void;
}

/** Locks taken by this process, so a second node in one process is refused too. */
const heldLocks = new Set<string>();

/** Whether a process runs with this pid (a zombie, killed but not yet reaped, does not). */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return true;
  }
}

function readPid(path: string): number | undefined {
  try {
    const text = readFileSync(path, "utf8").trim();
    return /^\d{1,10}$/.test(text) ? Number(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates the pid file if no file is there (false when one is). It appears with its pid in
 * it: written to a file of our own first (O_EXCL), then linked into place, which fails if the
 * name exists.
 */
function createPidFile(path: string): boolean {
  const own = `${path}.new-${process.pid}`;
  rmSync(own, { force: true });
  const file = openSync(own, "wx", 0o644);
  try {
    writeSync(file, `${process.pid}\n`);
    fsyncSync(file);
  } finally {
    closeSync(file);
  }
  try {
    linkSync(own, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    rmSync(own, { force: true });
  }
}

/**
 * Moves a dead owner's pid file aside (only the one holding `pid`: a racing starter's fresh
 * file is put back). False when someone else's file was found instead.
 */
function takeOver(path: string, pid: number | undefined): boolean {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
  if (readPid(aside) === pid) {
    rmSync(aside, { force: true });
    return true;
  }
  try {
    linkSync(aside, path);
  } catch {
    // Another starter made a new file meanwhile: it keeps the folder.
  }
  rmSync(aside, { force: true });
  return false;
}

function lockedMessage(stateDir: string, pid: number | undefined): string {
  const owner = pid === undefined ? "another quorated" : `another quorated (pid ${pid})`;
  return `Cannot start: ${owner} is running on the state folder "${stateDir}"`;
}

/**
 * Takes the state folder for this process, as a pid file made with O_EXCL. A file whose pid is
 * not running (a crash, kill -9) is a stale lock and taken over; one whose process runs (or
 * another node of this process on the same folder) refuses the start.
 */
export function acquireStateLock(
  stateDir: string,
  fileName: string,
): Result<StateLock, "state_dir_locked"> {
  const path = join(stateDir, fileName);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createPidFile(path)) {
      heldLocks.add(path);
      return ok({ path, release: () => releaseStateLock(path) });
    }
    const pid = readPid(path);
    const ours = pid === process.pid && !heldLocks.has(path);
    if (pid !== undefined && !ours && pidAlive(pid)) {
      return fail([{ code: "state_dir_locked", message: lockedMessage(stateDir, pid) }]);
    }
    if (!takeOver(path, pid)) {
      return fail([{ code: "state_dir_locked", message: lockedMessage(stateDir, readPid(path)) }]);
    }
  }
  return fail([{ code: "state_dir_locked", message: lockedMessage(stateDir, readPid(path)) }]);
}

function releaseStateLock(path: string): void {
  if (!heldLocks.delete(path)) return;
  if (readPid(path) === process.pid) rmSync(path, { force: true });
}
