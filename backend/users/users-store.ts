import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fail, issue, ok, type Result } from "../base/index.js";
import type { ClusterUser } from "./users-file.js";
import { formatUsersFile, parseUsersFile } from "./users-file.js";

/** The users file of a local cluster's folder (`crm cluster local start --dir DIR`). */
export function localUsersFile(clusterDir: string): string {
  return join(clusterDir, "users");
}

/** The users file beside a node's corosync.conf, where quorated looks without --users. */
export function usersFileBesideConfig(configPath: string): string {
  return join(dirname(configPath), "users");
}

/** Reads the users file; a missing file is an empty list. */
export function readUsers(path: string): Result<ClusterUser[]> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return ok([]);
    return fail([
      issue("unreadable", `Cannot read the users file "${path}": ${(error as Error).message}`),
    ]);
  }
  const parsed = parseUsersFile(text);
  if (parsed.ok) return parsed;
  return fail(parsed.issues.map((found) => ({ ...found, message: `${path}: ${found.message}` })));
}

/** Replaces the users file atomically (temp file, fsync, rename, fsync of the folder), mode 0600. */
export function writeUsers(path: string, users: readonly ClusterUser[]): Result<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    const handle = openSync(temporary, "w", 0o600);
    try {
      writeSync(handle, formatUsersFile(users));
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    renameSync(temporary, path);
    const folder = openSync(dirname(path), "r");
    try {
      fsyncSync(folder);
    } finally {
      closeSync(folder);
    }
    return ok(undefined);
  } catch (error) {
    rmSync(temporary, { force: true });
    return fail([
      issue("unwritable", `Cannot write the users file "${path}": ${(error as Error).message}`),
    ]);
  }
}
