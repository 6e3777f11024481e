import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { readXml, writeXml } from "../../../backend/cib/index.js";
import { needsPager, pagerCommand, printLong } from "../../../shell/commands/paging.js";
import { Preferences } from "../../../shell/commands/preferences.js";
import { commandTree } from "../../../shell/commands/registry.js";
import type { ShellOptions, TerminalPort } from "../../../shell/commands/types.js";
import { colorEnabled, switchablePalette } from "../../../shell/components/palette.js";
import type { ContextPorts } from "../../../shell/context.js";
import { ShellContext } from "../../../shell/context.js";
import { StreamOutput } from "../../../shell/output.js";
import { Shell } from "../../../shell/shell.js";

let folder: string;
let cibPath: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "quorate-preferences-"));
  cibPath = join(folder, "cib.xml");
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** A CIB whose objects are out of id order in the document (as crmsh sorts them or not). */
const unsortedCib = `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="2" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config/>
    <nodes/>
    <resources>
      <primitive id="zz" class="ocf" provider="pacemaker" type="Dummy"/>
      <primitive id="aa" class="ocf" provider="pacemaker" type="Dummy"/>
    </resources>
    <constraints>
      <rsc_order id="o-z" first="zz" then="aa"/>
      <rsc_location id="l-z" rsc="zz" score="10" node="node1"/>
      <rsc_location id="a-l" rsc="aa" score="10" node="node1"/>
    </constraints>
  </configuration>
  <status/>
</cib>
`;

function environment(extra: Record<string, string> = {}): Record<string, string> {
  return { HOME: join(folder, "home"), CIB_file: cibPath, ...extra };
}

function writeConf(text: string): void {
  mkdirSync(join(folder, "home", ".config", "crm"), { recursive: true });
  writeFileSync(join(folder, "home", ".config", "crm", "crm.conf"), text);
}

function shellWith(ports: ContextPorts = {}, options: Partial<ShellOptions> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output = new StreamOutput(
    { write: (text: string) => stdout.push(text) },
    { write: (text: string) => stderr.push(text) },
  );
  const full = { force: false, wait: false, interactive: false, batch: false, ...options };
  const context = new ShellContext(output, full, environment(), ports);
  const shell = new Shell(commandTree(), context);
  return { shell, context, out: () => stdout.join(""), err: () => stderr.join("") };
}

describe("Preferences", () => {
  test("the editor is options editor, else $EDITOR, else $VISUAL, else vi", () => {
    const home = { HOME: join(folder, "home") };
    expect(new Preferences(home).editor()).toBe("vi");
    expect(new Preferences({ ...home, VISUAL: "emacs" }).editor()).toBe("emacs");
    expect(new Preferences({ ...home, VISUAL: "emacs", EDITOR: "nano" }).editor()).toBe("nano");
    writeConf("[core]\neditor = vim -n\n");
    expect(new Preferences({ ...home, EDITOR: "nano" }).editor()).toBe("vim -n");
    // crmsh's default spelling names the variable.
    writeConf("[core]\neditor = $EDITOR\n");
    expect(new Preferences({ ...home, EDITOR: "nano" }).editor()).toBe("nano");
  });

  test("the pager is options pager, else $PAGER, else less; less gets -R", () => {
    const home = { HOME: join(folder, "home") };
    expect(new Preferences(home).pager()).toBe("less");
    expect(new Preferences({ ...home, PAGER: "more" }).pager()).toBe("more");
    writeConf("[core]\npager = /usr/bin/less\n");
    expect(new Preferences({ ...home, PAGER: "more" }).pager()).toBe("/usr/bin/less");
    expect(pagerCommand("/usr/bin/less")).toBe("/usr/bin/less -R");
    expect(pagerCommand("more")).toBe("more");
  });

  test("options set in one shell are read at the start of the next (crm.conf)", async () => {
    const first = shellWith();
    expect(await first.shell.runLine("options")).toBe(true);
    expect(await first.shell.runLine("sort-elements no")).toBe(true);
    expect(await first.shell.runLine("output plain")).toBe(true);
    expect(await first.shell.runLine("up")).toBe(true);
    const conf = readFileSync(join(folder, "home", ".config", "crm", "crm.conf"), "utf8");
    expect(conf).toBe("[color]\nstyle = plain\n\n[core]\nsort_elements = no\n");
    const next = new Preferences(environment());
    expect(next.sortElements()).toBe(false);
    expect(next.outputStyle()).toBe("plain");
    // What the interactive screen decides with it: no color, even on a terminal.
    const display = next.outputStyle();
    expect(colorEnabled({ environment: {}, isTerminal: true, display })).toBe(false);
  });
});

describe("options the commands honour", () => {
  test("sort-elements no keeps document order within each kind, as crmsh 4.4 prints it", async () => {
    writeFileSync(cibPath, unsortedCib);
    const sorted = shellWith();
    expect(await sorted.shell.runLine("configure show")).toBe(true);
    expect(sorted.out()).toBe(
      [
        "primitive aa ocf:pacemaker:Dummy",
        "primitive zz ocf:pacemaker:Dummy",
        "location a-l aa 10: node1",
        "location l-z zz 10: node1",
        "order o-z zz aa",
        "",
      ].join("\n"),
    );
    writeConf("[core]\nsort_elements = no\n");
    const unsorted = shellWith();
    expect(await unsorted.shell.runLine("configure show")).toBe(true);
    expect(unsorted.out()).toBe(
      [
        "primitive zz ocf:pacemaker:Dummy",
        "primitive aa ocf:pacemaker:Dummy",
        "order o-z zz aa",
        "location l-z zz 10: node1",
        "location a-l aa 10: node1",
        "",
      ].join("\n"),
    );
  });

  test("long show output goes to the pager on a terminal, short output and scripts do not", async () => {
    writeFileSync(cibPath, unsortedCib);
    const paged: { command: string; input: string | undefined }[] = [];
    const terminal: TerminalPort = {
      rows: 5,
      columns: 80,
      run: (command, input) => {
        paged.push({ command, input });
        return Promise.resolve(0);
      },
    };
    writeConf("[core]\npager = most\n");
    const interactive = shellWith({ terminal }, { interactive: true });
    expect(await interactive.shell.runLine("configure show")).toBe(true);
    expect(paged).toEqual([
      { command: "most", input: expect.stringContaining("order o-z zz aa\n") },
    ]);
    expect(interactive.out()).toBe("");
    expect(await interactive.shell.runLine("configure show zz")).toBe(true);
    expect(interactive.out()).toBe("primitive zz ocf:pacemaker:Dummy\n");
    const script = shellWith({ terminal }, { batch: true });
    expect(await script.shell.runLine("configure show")).toBe(true);
    expect(paged).toHaveLength(1);
    expect(script.out()).toContain("order o-z zz aa\n");
  });

  test("a pager that cannot start does not swallow the output", async () => {
    const terminal: TerminalPort = { rows: 2, columns: 80, run: () => Promise.resolve(127) };
    const { context, out } = shellWith({ terminal });
    await printLong(context, "one\ntwo\nthree\n");
    expect(out()).toBe("one\ntwo\nthree\n");
  });

  test("edit runs options editor before $EDITOR; removed statements delete their objects", async () => {
    writeFileSync(cibPath, unsortedCib);
    const script = join(folder, "editor.sh");
    // The editor a person would use, reduced to what they do: drop zz, change aa.
    writeFileSync(
      script,
      "#!/bin/sh\nsed -i -e '/^primitive zz/d' -e '/ zz/d' -e 's/^primitive aa .*/primitive aa ocf:pacemaker:Dummy params fake=2/' \"$1\"\n",
      { mode: 0o755 },
    );
    writeConf(`[core]\neditor = ${script}\n`);
    const commands: string[] = [];
    const terminal: TerminalPort = {
      rows: 40,
      columns: 80,
      run: async (command) => {
        commands.push(command);
        const { spawnSync } = await import("node:child_process");
        return spawnSync("/bin/sh", ["-c", command]).status ?? 1;
      },
    };
    const { shell, context, err } = shellWith({ terminal }, { interactive: true });
    expect(await shell.runLine("configure")).toBe(true);
    expect(await shell.runLine("edit")).toBe(true);
    // Deleting zz took its constraints along, as `delete zz` does.
    expect(err()).toBe("INFO: hanging order:o-z deleted\nINFO: hanging location:l-z deleted\n");
    expect(commands[0]).toMatch(new RegExp(`^${script} '.*configuration\\.crm'$`));
    const session = context.openedSession;
    const working = session === undefined ? "" : writeXml(session.working);
    expect(working).not.toContain('id="zz"');
    expect(working).not.toContain('id="l-z"');
    expect(working).toContain('name="fake" value="2"');
    expect(readXml(readFileSync(cibPath, "utf8")).ok).toBe(true);
    expect(readFileSync(cibPath, "utf8")).toContain('id="zz"'); // staged, not committed
  });

  test("edit is refused without a terminal, as crmsh refuses it in batch mode", async () => {
    writeFileSync(cibPath, unsortedCib);
    const { shell, err } = shellWith();
    expect(await shell.runLine("configure edit")).toBe(false);
    expect(err()).toBe("ERROR: edit not allowed in batch mode\n");
  });
});

describe("needsPager()", () => {
  test("counts wrapped lines against the terminal's rows, ignoring color codes", () => {
    expect(needsPager("a\nb", { rows: 3, columns: 80 })).toBe(false);
    expect(needsPager("a\nb\nc", { rows: 3, columns: 80 })).toBe(true);
    expect(needsPager("x".repeat(200), { rows: 3, columns: 80 })).toBe(true);
    expect(needsPager("\x1b[31mred\x1b[0m\nb", { rows: 3, columns: 4 })).toBe(false);
  });
});

describe("options skill-level", () => {
  test("an operator may start resources but not configure; an administrator may", async () => {
    writeFileSync(cibPath, unsortedCib);
    writeConf("[core]\nskill_level = operator\n");
    const operator = shellWith();
    expect(await operator.shell.runLine("resource stop zz")).toBe(true);
    expect(await operator.shell.runLine("configure")).toBe(true);
    expect(await operator.shell.runLine("show")).toBe(false);
    expect(await operator.shell.runLine("up")).toBe(true);
    expect(operator.err()).toBe("ERROR: configure.show: ACL administrator skill level required\n");
    expect(await operator.shell.runLine("options skill-level administrator")).toBe(true);
    expect(await operator.shell.runLine("configure show zz")).toBe(true);
    expect(await operator.shell.runLine("configure role r1 read xpath:/cib")).toBe(false);
    expect(operator.err()).toContain("configure.role: ACL expert skill level required");
  });
});

describe("options output uppercase", () => {
  /** crmsh 4.4's `crm -D uppercase configure show` of this CIB, captured. */
  const cib = `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="2" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config><cluster_property_set id="cib-bootstrap-options"><nvpair id="o1" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
    <nodes><node id="1" uname="node1"/></nodes>
    <resources>
      <primitive id="aa" class="ocf" provider="pacemaker" type="Dummy"><instance_attributes id="aa-i"><nvpair id="aa-i-f" name="fake" value="1"/></instance_attributes><meta_attributes id="aa-m"><nvpair id="aa-m-t" name="target-role" value="Stopped"/></meta_attributes><operations><op id="aa-mon" name="monitor" interval="10s"/></operations></primitive>
      <group id="g" description="x y"><primitive id="bb" class="ocf" provider="pacemaker" type="Dummy"/></group>
    </resources>
    <constraints>
      <rsc_colocation id="c" rsc="aa" with-rsc="g" score="INFINITY"/>
      <rsc_order id="o-z" first="aa" then="g" kind="Mandatory"/>
    </constraints>
  </configuration>
  <status/>
</cib>
`;
  const expected = [
    "NODE 1: node1",
    "PRIMITIVE aa ocf:pacemaker:Dummy \\",
    "\tPARAMS fake=1 \\",
    "\tMETA target-role=Stopped \\",
    "\tOP monitor interval=10s",
    "PRIMITIVE bb ocf:pacemaker:Dummy",
    "GROUP g bb \\",
    '\tdescription="x y"',
    "COLOCATION c inf: aa g",
    "ORDER o-z Mandatory: aa g",
    "PROPERTY cib-bootstrap-options: \\",
    "\tstonith-enabled=false",
    "",
  ].join("\n");

  test("show prints keywords in capitals, as crmsh does", async () => {
    writeFileSync(cibPath, cib);
    writeConf("[color]\nstyle = uppercase\n");
    const { shell, out } = shellWith();
    expect(await shell.runLine("configure show")).toBe(true);
    expect(out()).toBe(expected);
  });

  test("-D plain wins over the option", async () => {
    writeFileSync(cibPath, cib);
    writeConf("[color]\nstyle = uppercase\n");
    const { shell, out } = shellWith({}, { display: "plain" });
    expect(await shell.runLine("configure show bb")).toBe(true);
    expect(out()).toBe("primitive bb ocf:pacemaker:Dummy\n");
  });
});

describe("options output in a running shell", () => {
  test("the REPL's palette follows the option at once: plain stops color, color brings it back", () => {
    const preferences = new Preferences(environment());
    const palette = switchablePalette(() =>
      colorEnabled({ environment: {}, isTerminal: true, display: preferences.outputStyle() }),
    );
    expect(palette.error("ERROR: x")).toBe("\x1b[31mERROR: x\x1b[39m");
    preferences.set("color.style", "plain");
    expect(palette.error("ERROR: x")).toBe("ERROR: x");
    preferences.set("color.style", "color");
    expect(palette.error("ERROR: x")).toBe("\x1b[31mERROR: x\x1b[39m");
  });
});

describe("options check-frequency, check-mode and manage-children", () => {
  /** A constraint on a resource that does not exist: verify's error, already in the CIB. */
  const brokenCib = unsortedCib.replace(
    "<constraints>",
    '<constraints>\n      <rsc_location id="l-missing" rsc="missing" score="10" node="node1"/>',
  );

  test("a commit with check errors is refused, unless checks are off or relaxed", async () => {
    writeFileSync(cibPath, brokenCib);
    const strict = shellWith();
    expect(await strict.shell.runLine("configure primitive n1 ocf:pacemaker:Dummy")).toBe(false);
    expect(strict.err()).toContain("Commit refused");
    expect(readFileSync(cibPath, "utf8")).not.toContain('id="n1"');
    writeConf("[core]\ncheck_frequency = on-verify\n");
    const unchecked = shellWith();
    expect(await unchecked.shell.runLine("configure primitive n2 ocf:pacemaker:Dummy")).toBe(true);
    expect(unchecked.err()).toBe("");
    expect(readFileSync(cibPath, "utf8")).toContain('id="n2"');
    writeConf("[core]\ncheck_mode = relaxed\n");
    const relaxed = shellWith();
    expect(await relaxed.shell.runLine("configure primitive n3 ocf:pacemaker:Dummy")).toBe(true);
    expect(relaxed.err()).toContain("missing"); // still reported
    expect(readFileSync(cibPath, "utf8")).toContain('id="n3"');
  });

  test("manage-children always lets start on a group override its members' target-role", async () => {
    const grouped = unsortedCib.replace(
      '<primitive id="aa" class="ocf" provider="pacemaker" type="Dummy"/>',
      '<group id="g"><primitive id="aa" class="ocf" provider="pacemaker" type="Dummy">' +
        '<meta_attributes id="aa-meta"><nvpair id="aa-meta-t" name="target-role" value="Stopped"/>' +
        "</meta_attributes></primitive></group>",
    );
    writeFileSync(cibPath, grouped);
    const ask = shellWith();
    expect(await ask.shell.runLine("resource start g")).toBe(true);
    expect(readFileSync(cibPath, "utf8")).toContain(
      'id="aa-meta-t" name="target-role" value="Stopped"',
    );
    writeFileSync(cibPath, grouped);
    writeConf("[core]\nmanage_children = always\n");
    const always = shellWith();
    expect(await always.shell.runLine("resource start g")).toBe(true);
    expect(readFileSync(cibPath, "utf8")).not.toContain('value="Stopped"');
  });
});

describe("edit xml", () => {
  test("the selection's XML goes to the editor; what comes back is staged, removed objects deleted", async () => {
    writeFileSync(cibPath, unsortedCib);
    const script = join(folder, "xml-editor.sh");
    writeFileSync(
      script,
      '#!/bin/sh\nsed -i -e \'/<primitive id="aa"/d\' -e \'s/id="zz" class="ocf" provider="pacemaker" type="Dummy"/id="zz" class="ocf" provider="heartbeat" type="Dummy"/\' "$1"\n',
      { mode: 0o755 },
    );
    writeConf(`[core]\neditor = ${script}\n`);
    const files: string[] = [];
    const terminal: TerminalPort = {
      rows: 40,
      columns: 80,
      run: async (command) => {
        files.push(command);
        const { spawnSync } = await import("node:child_process");
        return spawnSync("/bin/sh", ["-c", command]).status ?? 1;
      },
    };
    const { shell, context, err } = shellWith({ terminal }, { interactive: true });
    expect(await shell.runLine("configure")).toBe(true);
    expect(await shell.runLine("edit xml aa zz")).toBe(true);
    expect(err()).toBe("INFO: hanging order:o-z deleted\nINFO: hanging location:a-l deleted\n");
    expect(files[0]).toMatch(/configuration\.xml'$/);
    const working =
      context.openedSession === undefined ? "" : writeXml(context.openedSession.working);
    expect(working).not.toContain('id="aa"');
    expect(working).toContain('<primitive id="zz" class="ocf" provider="heartbeat" type="Dummy"/>');
  });
});
