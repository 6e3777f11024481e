import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import {
  hashPassword,
  parsePasswordHash,
  parseUsersFile,
  readUsers,
  verifyPassword,
  writeUsers,
} from "../../../backend/users/index.js";

/** Cheap parameters for tests: the format and comparisons are the same. */
const quick = { cost: 1024, blockSize: 8, parallelization: 1 };

describe("cluster users file", () => {
  test("hashPassword() salts each hash; verifyPassword() accepts only the password", async () => {
    const first = await hashPassword("s3cret", quick);
    const second = await hashPassword("s3cret", quick);
    expect(first).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword("s3cret", first)).toBe(true);
    expect(await verifyPassword("s3cret!", first)).toBe(false);
    expect(await verifyPassword("s3cret", undefined)).toBe(false);
    expect(await verifyPassword("s3cret", "plain")).toBe(false);
  });

  test("a crafted hash with huge parameters is refused, not computed", () => {
    const salt = Buffer.alloc(16).toString("base64");
    const key = Buffer.alloc(32).toString("base64");
    expect(parsePasswordHash(`scrypt$1048576$8$1$${salt}$${key}`)).toBeDefined();
    expect(parsePasswordHash(`scrypt$2097152$8$1$${salt}$${key}`)).toBeUndefined();
    expect(parsePasswordHash(`scrypt$1000$8$1$${salt}$${key}`)).toBeUndefined();
  });

  test("parseUsersFile() reads names, hashes and groups and says which line is wrong", async () => {
    const hash = await hashPassword("x", quick);
    const parsed = parseUsersFile(`# users\n\nalice:${hash}\nbob:${hash}:ops,dba\n`);
    expect(parsed.ok && parsed.value.map((user) => [user.name, user.groups])).toEqual([
      ["alice", []],
      ["bob", ["ops", "dba"]],
    ]);
    const bad = parseUsersFile(`alice:${hash}\nroot:${hash}\nalice:${hash}\ncarol:plain\n`);
    expect(bad.issues.map((found) => found.message)).toEqual([
      'line 2: "root" is reserved: it is never restricted by ACLs and cannot log in with a password',
      'line 3: user "alice" is listed twice',
      'line 4: the password of "carol" is not a scrypt hash',
    ]);
  });

  test("writeUsers() replaces the file with mode 0600; readUsers() reads it back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "quorate-users-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, "users");
    expect(readUsers(path)).toEqual({ ok: true, value: [], issues: [] });
    writeFileSync(path, "old content that is not a users file\n", { mode: 0o644 });
    expect(readUsers(path).ok).toBe(false);
    const user = { name: "alice", passwordHash: await hashPassword("pw", quick), groups: ["ops"] };
    expect(writeUsers(path, [user]).ok).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, "utf8")).toContain(`alice:${user.passwordHash}:ops\n`);
    expect(readUsers(path)).toEqual({ ok: true, value: [user], issues: [] });
  });
});
