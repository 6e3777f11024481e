import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { hasTool } from "../../support/oracle.js";
import { repoRoot } from "../../support/source-files.js";
import { buildCrm, runBin } from "../offline/crm-process.js";
import { TmuxSession } from "./tmux.js";

const generator = join(repoRoot, "..", "shared", "reference", "gen-big-cib.js");

/** A CIB with `count` Dummies: `show` prints more lines than the 40-row terminal has. */
function cibWith(count: number): string {
  const primitives = Array.from(
    { length: count },
    (_, index) =>
      `      <primitive id="d${String(index + 1).padStart(2, "0")}" class="ocf" provider="pacemaker" type="Dummy"/>`,
  );
  return [
    '<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="2" num_updates="0" admin_epoch="0">',
    "  <configuration>",
    "    <crm_config/>",
    "    <nodes/>",
    "    <resources>",
    ...primitives,
    "    </resources>",
    "    <constraints/>",
    "  </configuration>",
    "  <status/>",
    "</cib>",
    "",
  ].join("\n");
}

/** crm's options and keys as a person meets them in a terminal (tmux): pager, editor, Ctrl-C. */
describe.skipIf(!hasTool("tmux") || !hasTool("less") || !hasTool("vim"))(
  "options and Ctrl-C in a terminal",
  () => {
    let bin = "";
    let folder = "";
    let session: TmuxSession | undefined;
    beforeAll(async () => {
      bin = (await buildCrm()).bin;
      folder = mkdtempSync(join(tmpdir(), "quorate-options-keys-"));
    }, 200_000);
    afterEach(() => session?.kill());
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    function start(
      name: string,
      args: readonly string[],
      conf = "",
      term = "xterm-256color",
    ): { cib: string } {
      const home = join(folder, name);
      mkdirSync(join(home, ".config", "crm"), { recursive: true });
      writeFileSync(join(home, ".config", "crm", "crm.conf"), conf);
      const cib = join(folder, `${name}.xml`);
      writeFileSync(cib, cibWith(60));
      const environment = {
        PATH: process.env["PATH"] ?? "/usr/bin:/bin",
        HOME: home,
        TERM: term,
        LANG: "C.UTF-8",
        CIB_file: cib,
        // Never used: crm.conf's editor and pager come first.
        EDITOR: "false",
        PAGER: "false",
      };
      session = TmuxSession.start([process.execPath, bin, ...args], environment);
      return { cib };
    }
    const prompt = (level = ""): RegExp =>
      new RegExp(`crm\\([\\w.-]+\\.xml/[^)]+\\)${level}#$`, "m");

    test("long show output opens the pager (less); q returns to the prompt", async () => {
      start("pager", ["configure"], "[core]\npager = less\n");
      const terminal = session as TmuxSession;
      await terminal.waitFor(prompt("configure"));
      terminal.type("show");
      terminal.press("Enter");
      const paged = await terminal.waitFor(/^primitive d01 ocf:pacemaker:Dummy$/m);
      expect(paged).not.toContain("primitive d60"); // one screenful at a time
      terminal.press("q");
      await terminal.waitFor(prompt("configure"));
      terminal.type("show d60");
      terminal.press("Enter");
      // Short output is printed in place, under its command.
      await terminal.waitFor(/configure# show d60\nprimitive d60 ocf:pacemaker:Dummy\n/);
    }, 60_000);

    test("edit opens options editor (vim), and what is saved there is staged", async () => {
      start("editor", []);
      const terminal = session as TmuxSession;
      await terminal.waitFor(prompt());
      // The editor is an option (quoted: it has arguments), saved to crm.conf at once.
      terminal.type('options editor "vim -u NONE -n"');
      terminal.press("Enter");
      await terminal.waitFor(/# options editor "vim -u NONE -n"\n.*#$/m);
      terminal.type("configure");
      terminal.press("Enter");
      await terminal.waitFor(prompt("configure"));
      terminal.type("edit d07");
      terminal.press("Enter");
      await terminal.waitFor(/^primitive d07 ocf:pacemaker:Dummy\n~/m);
      terminal.type(":s/Dummy$/Dummy params fake=7/");
      terminal.press("Enter");
      terminal.type(":wq");
      terminal.press("Enter");
      // Back in the shell: the edited object is staged and shown in the diff pane.
      const screen = await terminal.waitFor("Staged changes");
      expect(screen).toMatch(prompt("configure"));
      expect(screen).toContain("params fake=7");
    }, 60_000);

    test("Ctrl-C at an empty prompt leaves as crmsh does, asking about staged changes", async () => {
      const { cib } = start("leave", ["configure"]);
      const before = readFileSync(cib, "utf8");
      const terminal = session as TmuxSession;
      await terminal.waitFor(prompt("configure"));
      terminal.type("primitive extra ocf:pacemaker:Dummy");
      terminal.press("Enter");
      await terminal.waitFor("+ primitive extra ocf:pacemaker:Dummy");
      terminal.type("verify");
      terminal.press("C-c"); // with text: only the line is dropped
      await terminal.waitFor(/configure# verify\^C$/m);
      terminal.press("C-c");
      await terminal.waitFor("Ctrl-C, leaving");
      await terminal.waitFor("There are changes pending. Do you want to commit them (y/n)?");
      terminal.type("n");
      terminal.press("Enter");
      const screen = await terminal.waitFor("[exited 1]");
      expect(screen).toMatch(/^bye$/m);
      expect(readFileSync(cib, "utf8")).toBe(before);
    }, 60_000);

    test("one-shot show pages through options pager on a terminal, never into a pipe", async () => {
      const conf = "[core]\npager = sed s/^/paged:/\n";
      start("one-shot", ["configure", "show"], conf);
      const terminal = session as TmuxSession;
      const screen = await terminal.waitFor("[exited 0]");
      expect(screen).toContain("paged:primitive d60 ocf:pacemaker:Dummy");
      const home = join(folder, "one-shot");
      const piped = await runBin(bin, ["configure", "show"], {
        environment: { HOME: home, CIB_file: join(folder, "one-shot.xml") },
      });
      expect(piped.code).toBe(0);
      expect(piped.stdout).toMatch(/^primitive d01 ocf:pacemaker:Dummy\n/);
      expect(piped.stdout).not.toContain("paged:");
    }, 60_000);

    test.skipIf(!existsSync(generator))(
      "Ctrl-C stops a long simulate; the staged changes stay",
      async () => {
        const { cib } = start("simulate", ["configure"]);
        // A 2,000-primitive CIB on 16 nodes: crm_simulate takes seconds on it.
        const made = spawnSync(process.execPath, [
          generator,
          "--nodes",
          "16",
          "--prims",
          "2000",
          "--state",
          "steady",
          "--out",
          cib,
        ]);
        expect(made.status).toBe(0);
        const terminal = session as TmuxSession;
        await terminal.waitFor(prompt("configure"));
        terminal.type("primitive staged-one ocf:pacemaker:Dummy");
        terminal.press("Enter");
        await terminal.waitFor("+ primitive staged-one ocf:pacemaker:Dummy", 30_000);
        terminal.type("simulate");
        terminal.press("Enter");
        await terminal.waitFor("simulating…", 30_000);
        terminal.press("C-c");
        const screen = await terminal.waitFor(
          /ERROR: interrupted\n(.*\n)*crm\([\w.-]+\.xml\/[^)]+\)configure#$/m,
        );
        expect(screen).not.toContain("Transition Summary");
        expect(screen).toContain("+ primitive staged-one ocf:pacemaker:Dummy");
      },
      90_000,
    );

    test("one-shot arguments with blanks are quoted again unless add-quotes is no", async () => {
      const home = join(folder, "quotes");
      const cib = join(folder, "quotes.xml");
      writeFileSync(cib, cibWith(1));
      const crm = (args: readonly string[]) =>
        runBin(bin, args, { environment: { HOME: home, CIB_file: cib } });
      const primitive = ["configure", "primitive"];
      expect(
        (await crm([...primitive, "q1", "ocf:pacemaker:Dummy", "params", "fake=b c"])).code,
      ).toBe(0);
      mkdirSync(join(home, ".config", "crm"), { recursive: true });
      writeFileSync(join(home, ".config", "crm", "crm.conf"), "[core]\nadd_quotes = no\n");
      expect(
        (await crm([...primitive, "q2", "ocf:pacemaker:Dummy", "params", "fake=b c"])).code,
      ).toBe(0);
      const shown = await crm(["configure", "show", "q1", "q2"]);
      expect(shown.stdout).toContain('\tparams fake="b c"\n');
      // As crmsh joins them: the blank splits the argument in two.
      expect(shown.stdout).toContain("\tparams fake=b c\n");
    }, 60_000);

    test("on a dumb terminal (readline), Ctrl-C at an empty prompt leaves too", async () => {
      start("dumb", [], "", "dumb");
      const terminal = session as TmuxSession;
      await terminal.waitFor(prompt());
      terminal.type("status");
      terminal.press("C-c"); // with text: a fresh prompt
      await terminal.waitFor(/# status\^C\n.*#$/m);
      terminal.press("C-c");
      const screen = await terminal.waitFor("[exited 1]");
      expect(screen).toMatch(/^Ctrl-C, leaving\nbye$/m);
    }, 60_000);
  },
);
