import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { acquireStateLock } from "../../../daemons/node/state-files.js";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function stateDir(): string {
  const folder = mkdtempSync(join(tmpdir(), "quorate-state-lock-"));
  folders.push(folder);
  return folder;
}

const pidFile = (folder: string): string => join(folder, "quorated.pid");

describe("acquireStateLock()", () => {
  test("takes a free folder, refuses a second taker, and frees it on release", () => {
    const folder = stateDir();
    const first = acquireStateLock(folder, "quorated.pid");
    expect(first.ok).toBe(true);
    expect(readFileSync(pidFile(folder), "utf8")).toBe(`${process.pid}\n`);
    const second = acquireStateLock(folder, "quorated.pid");
    expect(second.ok).toBe(false);
    expect(second.issues[0]?.message).toBe(
      `Cannot start: another quorated (pid ${process.pid}) is running on the state folder "${folder}"`,
    );
    if (first.ok) first.value.release();
    expect(existsSync(pidFile(folder))).toBe(false);
    const again = acquireStateLock(folder, "quorated.pid");
    expect(again.ok).toBe(true);
    if (again.ok) again.value.release();
  });

  test("refuses a folder whose pid file names a running process", async () => {
    const folder = stateDir();
    const sleeper = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      writeFileSync(pidFile(folder), `${sleeper.pid}\n`);
      const taken = acquireStateLock(folder, "quorated.pid");
      expect(taken.ok).toBe(false);
      expect(taken.issues[0]?.code).toBe("state_dir_locked");
      expect(taken.issues[0]?.message).toContain(`(pid ${sleeper.pid})`);
      expect(readFileSync(pidFile(folder), "utf8")).toBe(`${sleeper.pid}\n`);
    } finally {
      sleeper.kill("SIGKILL");
      await new Promise((resolve) => sleeper.once("exit", resolve));
    }
  });

  test.each([
    ["a pid that no longer runs", () => `${spawnSync("true").pid}\n`],
    ["a torn pid file", () => "12a"],
    ["an empty pid file", () => ""],
  ])("takes over a stale lock: %s", (_name, content) => {
    const folder = stateDir();
    writeFileSync(pidFile(folder), content());
    const taken = acquireStateLock(folder, "quorated.pid");
    expect(taken.issues).toEqual([]);
    expect(readFileSync(pidFile(folder), "utf8")).toBe(`${process.pid}\n`);
    if (taken.ok) taken.value.release();
  });

  test("takes over its own process's pid file that no node of it holds (a node that crashed)", () => {
    const folder = stateDir();
    writeFileSync(pidFile(folder), `${process.pid}\n`);
    const taken = acquireStateLock(folder, "quorated.pid");
    expect(taken.ok).toBe(true);
    if (taken.ok) taken.value.release();
  });
});
