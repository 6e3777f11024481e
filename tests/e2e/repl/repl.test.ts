import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { emptyCib, writeXml } from "../../../backend/cib/index.js";
import { hasTool } from "../../support/oracle.js";
import { buildCrm, runBin } from "../offline/crm-process.js";
import { TmuxSession } from "./tmux.js";

/** The interactive shell as a person uses it: typed into tmux, read off the screen. */
describe.skipIf(!hasTool("tmux"))("crm in a terminal (tmux)", () => {
  let bin: string;
  let folder: string;
  let cib: string;
  let session: TmuxSession | undefined;
  beforeAll(async () => {
    bin = (await buildCrm()).bin;
    folder = mkdtempSync(join(tmpdir(), "quorate-repl-"));
  }, 200_000);
  afterEach(() => session?.kill());
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  function environment(): Record<string, string> {
    return {
      PATH: process.env["PATH"] ?? "/usr/bin:/bin",
      HOME: join(folder, "home"),
      TERM: "xterm-256color",
      LANG: "C.UTF-8",
      CIB_file: cib,
    };
  }

  function startCrm(name: string, args: readonly string[] = []): TmuxSession {
    cib = join(folder, `${name}.xml`);
    writeFileSync(cib, writeXml(emptyCib()));
    session = TmuxSession.start([process.execPath, bin, ...args], environment());
    return session;
  }

  const prompt = (level = ""): RegExp =>
    // capture-pane drops trailing blanks: the prompt's last blank is not on the screen.
    new RegExp(`crm\\([\\w.-]+\\.xml/[^)]+\\)${level}#$`, "m");

  test("a typed primitive shows in the diff pane; verify and commit write the CIB file", async () => {
    const terminal = startCrm("stage", ["configure"]);
    await terminal.waitFor(prompt("configure"));
    terminal.type("primitive d1 ocf:heartbeat:Dummy op monitor interval=10s");
    terminal.press("Enter");
    let screen = await terminal.waitFor("+ primitive d1 Dummy");
    expect(screen).toContain("Staged changes (crm syntax");
    expect(screen).toContain("+ \top monitor interval=10s".replace("\t", "    "));
    terminal.type("colocation c1 inf: d1 missing");
    terminal.press("Enter");
    // Checked as it is typed: the error points into the statement.
    screen = await terminal.waitFor(/^\s+\^{7}$/m);
    expect(screen).toContain('1:23: error: Constraint "c1" references a resource "missing"');
    terminal.type("location l1 d1 100: nonode");
    terminal.press("Enter");
    terminal.type("verify");
    terminal.press("Enter");
    await terminal.waitFor(/WARNING: .*"l1".*"nonode" does not exist/);
    // The pane is redrawn with the next frame (Ink draws at most every ~33 ms).
    await terminal.waitFor("+ location l1 d1 100: nonode");
    terminal.type("delete l1");
    terminal.press("Enter");
    terminal.type("commit");
    terminal.press("Enter");
    await terminal.waitFor(/configure# commit\n(.*\n)*crm\(.*\)configure#$/m);
    // The transcript is written at once; the pane below follows with Ink's next frame.
    screen = await terminal.waitFor((shown) => !shown.includes("Staged changes"));
    expect(screen).not.toContain("Staged changes");
    expect(readFileSync(cib, "utf8")).toContain(
      '<primitive id="d1" class="ocf" provider="heartbeat" type="Dummy">',
    );
  });

  test("Tab completes a keyword, and cycles through resource ids", async () => {
    const terminal = startCrm("complete");
    await terminal.waitFor(prompt());
    terminal.type("configure");
    terminal.press("Enter");
    await terminal.waitFor(prompt("configure"));
    terminal.type("prim");
    terminal.press("Tab");
    await terminal.waitFor(/configure# primitive$/m);
    terminal.type("web ocf:heartbeat:Dummy");
    terminal.press("Enter");
    terminal.type("primitive db ocf:heartbeat:Dummy");
    terminal.press("Enter");
    // Tab offers the ids staged so far: wait until db is.
    await terminal.waitFor("+ primitive db Dummy");
    terminal.type("colocation c1 inf: ");
    terminal.press("Tab");
    const listed = await terminal.waitFor(/^db\s*$/m);
    expect(listed).toMatch(/^web\s*$/m);
    terminal.press("Tab");
    await terminal.waitFor(/colocation c1 inf: db$/m);
    terminal.press("Tab");
    await terminal.waitFor(/colocation c1 inf: node-attribute=$/m);
    terminal.press("Tab");
    await terminal.waitFor(/colocation c1 inf: web$/m);
  });

  test("history: Up recalls, Ctrl-R searches, and the history file keeps it", async () => {
    const terminal = startCrm("history");
    await terminal.waitFor(prompt());
    for (const line of ["ls", "cd configure", "up", "ls"]) {
      terminal.type(line);
      terminal.press("Enter");
    }
    await terminal.waitFor(/# up\n(.*\n)*crm\(.*\)# ls\n(.*\n)*crm\(.*\)#$/m);
    terminal.press("Up", "Up", "Up");
    await terminal.waitFor(/\)# cd configure$/m);
    terminal.press("C-u", "C-r");
    terminal.type("cd c");
    await terminal.waitFor("(reverse-i-search)'cd c': cd configure");
    terminal.press("Enter");
    await terminal.waitFor(prompt("configure"));
    terminal.type("quit");
    terminal.press("Enter");
    await terminal.waitFor("[exited 0]");
    const history = join(folder, "home", ".cache", "crm", "history");
    expect(readFileSync(history, "utf8")).toBe("ls\ncd configure\nup\nls\ncd configure\nquit\n");
  });

  test("Ctrl-C cancels the line; Ctrl-D leaves the level, then the shell", async () => {
    const terminal = startCrm("keys", ["configure"]);
    await terminal.waitFor(prompt("configure"));
    terminal.type("primitive half");
    terminal.press("C-c");
    await terminal.waitFor(/configure# primitive half\^C\n/);
    terminal.press("C-d");
    await terminal.waitFor(prompt());
    terminal.press("C-d");
    const screen = await terminal.waitFor("[exited 0]");
    expect(screen).toContain("bye");
  });

  test("a multi-line paste runs line by line; a backslash continues a statement", async () => {
    const terminal = startCrm("paste", ["configure"]);
    await terminal.waitFor(prompt("configure"));
    terminal.paste(
      "primitive a ocf:heartbeat:Dummy \\\n\top monitor interval=20s\nprimitive b ocf:heartbeat:Dummy\n",
    );
    const screen = await terminal.waitFor("+ primitive b Dummy");
    expect(screen).toContain("   >  op monitor interval=20s");
    expect(screen).toContain("+ primitive a Dummy");
  });

  test("a commit that lost a race says so and keeps the staged change", async () => {
    const terminal = startCrm("conflict", ["configure"]);
    await terminal.waitFor(prompt("configure"));
    terminal.type("primitive mine ocf:heartbeat:Dummy");
    terminal.press("Enter");
    await terminal.waitFor("+ primitive mine Dummy");
    // Another crm writes the same object meanwhile: a race on one object is always refused.
    const theirs = ["configure", "primitive", "mine", "ocf:pacemaker:Dummy"];
    const other = await runBin(bin, theirs, { environment: environment() });
    expect(other.code).toBe(0);
    terminal.type("commit");
    terminal.press("Enter");
    const screen = await terminal.waitFor(/ERROR: .*(changed|conflict)/i);
    expect(screen).toContain("+ primitive mine Dummy");
    expect(readFileSync(cib, "utf8")).toContain(
      '<primitive id="mine" class="ocf" provider="pacemaker"',
    );
  });

  test("crm_mon shows a change another crm made, within a second", async () => {
    cib = join(folder, "monitor.xml");
    writeFileSync(cib, writeXml(emptyCib()));
    const monitor = join(dirname(bin), "crm-mon.js");
    expect(existsSync(monitor)).toBe(true);
    session = TmuxSession.start([process.execPath, monitor], environment());
    await session.waitFor("0 resource instances configured");
    const added = await runBin(bin, ["configure", "primitive", "d1", "ocf:heartbeat:Dummy"], {
      environment: environment(),
    });
    expect(added.code).toBe(0);
    await session.waitFor("1 resource instance configured", 1000);
    session.press("r");
    await session.waitFor(/d1\s+\(ocf:heartbeat:Dummy\):\s+Stopped/);
    session.press("q");
    await session.waitFor("[exited 0]");
  });
});
