import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readUsers, verifyPassword } from "../../../backend/users/index.js";
import { hasTool } from "../../support/oracle.js";
import { TmuxSession } from "../repl/tmux.js";

const repository = new URL("../../../", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "quorate-prompt-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hasTool("tmux"))("crm cluster user add on a terminal", () => {
  test("asks for the password twice without echoing it", async () => {
    const command = [process.execPath, "--import", import.meta.resolve("tsx")].concat([
      join(repository, "shell/bin/crm.ts"),
      "cluster",
      "user",
      "add",
      "bob",
    ]);
    const session = TmuxSession.start(command, {
      PATH: process.env["PATH"] ?? "",
      CRM_CLUSTER: dir,
    });
    try {
      await session.waitFor("Password for bob:", 30_000);
      session.type("typed-secret");
      session.press("Enter");
      await session.waitFor("Repeat the password:");
      session.type("typed-secret");
      session.press("Enter");
      const screen = await session.waitFor("[exited 0]");
      expect(screen).toContain(`Added user "bob"`);
      expect(screen).not.toContain("typed-secret");
    } finally {
      session.kill();
    }
    const users = readUsers(join(dir, "users"));
    const bob = users.ok ? users.value.find((user) => user.name === "bob") : undefined;
    expect(await verifyPassword("typed-secret", bob?.passwordHash)).toBe(true);
  }, 60_000);
});
