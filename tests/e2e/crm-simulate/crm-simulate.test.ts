// The compiled crm_simulate bin on small CIBs: each option, -O chaining, and errors that
// leave nothing written. Where Pacemaker's crm_simulate is installed, outputs that do not
// depend on scheduling decisions are compared with it byte for byte.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusDir } from "../../support/corpus.js";
import { hasTool } from "../../support/oracle.js";
import { repoRoot } from "../../support/source-files.js";

const bin = join(repoRoot, "dist", "shell", "bin", "crm-simulate.js");
const built = existsSync(bin);
if (!built) console.warn(`Skipping crm_simulate e2e: ${bin} is missing (run npm run build)`);

const cib = `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="5" num_updates="0" admin_epoch="0" have-quorum="1">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="o1" name="stonith-enabled" value="false"/>
      </cluster_property_set>
    </crm_config>
    <nodes>
      <node id="1" uname="node1"/>
      <node id="2" uname="node2"/>
    </nodes>
    <resources>
      <primitive id="rsc1" class="ocf" provider="pacemaker" type="Dummy"/>
      <clone id="cl">
        <primitive id="child" class="ocf" provider="pacemaker" type="Dummy"/>
      </clone>
    </resources>
    <constraints/>
  </configuration>
  <status/>
</cib>
`;

let dir = "";
let input = "";

function simulate(
  args: readonly string[],
  stdin?: string,
): { stdout: string; stderr: string; status: number } {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: "utf8",
    input: stdin ?? "",
  });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status ?? -1 };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "quorate-crm-simulate-"));
  input = join(dir, "cib.xml");
  writeFileSync(input, cib);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!built)("crm_simulate bin", () => {
  it("prints the current status only, without -R or -S", () => {
    const run = simulate(["-x", input]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      [
        "Current cluster status:",
        "  * Node List:",
        "    * OFFLINE: [ node1 node2 ]",
        "",
        "  * Full List of Resources:",
        "    * rsc1\t(ocf:pacemaker:Dummy):\t Stopped",
        "    * Clone Set: cl [child]:",
        "      * Stopped: [ node1 node2 ]",
        "",
      ].join("\n"),
    );
  });

  it("brings a node up, schedules, simulates and saves the result for the next run", () => {
    const output = join(dir, "up.xml");
    const run = simulate(["-x", input, "-S", "-u", "node1", "-u", "node2", "-O", output]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      "Performing Requested Modifications:\n  * Bringing node node1 online\n",
    );
    expect(run.stdout).toMatch(/Transition Summary:\n {2}\* Start\s+rsc1\s+\( node\d \)/);
    expect(run.stdout).toMatch(
      /Executing Cluster Transition:\n(.|\n)*Resource action: rsc1\s+start on node\d/,
    );
    const revised = run.stdout.slice(run.stdout.indexOf("Revised Cluster Status:"));
    expect(revised).toContain("    * Online: [ node1 node2 ]");
    expect(revised).toMatch(/rsc1\t\(ocf:pacemaker:Dummy\):\t Started node\d/);
    const saved = readFileSync(output, "utf8");
    expect(saved).toContain('operation_key="rsc1_start_0"');
    const again = simulate(["-x", output, "-S"]);
    expect(again.stdout).toMatch(
      /Current cluster status:(.|\n)*rsc1\t\(ocf:pacemaker:Dummy\):\t Started node\d/,
    );
    expect(again.stdout).toContain("Transition Summary:\n\nExecuting Cluster Transition:\n");
  });

  it("injects an operation result and fails a node, recording them in -O's CIB", () => {
    const output = join(dir, "injected.xml");
    simulate(["-x", input, "-S", "-u", "node1", "-u", "node2", "-O", join(dir, "base.xml")]);
    const run = simulate([
      "-x",
      join(dir, "base.xml"),
      "-i",
      "rsc1_monitor_10000@node1=7",
      "-f",
      "node2",
      "-O",
      output,
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("  * Failing node node2\n");
    expect(run.stdout).toContain(
      "  * Injecting rsc1_monitor_10000@node1=7 into the configuration\n",
    );
    expect(run.stdout).toContain(
      "  * Injecting attribute fail-count-rsc1#monitor_10000=value++ into /node_state '1'\n",
    );
    const saved = readFileSync(output, "utf8");
    expect(saved).toContain('name="fail-count-rsc1#monitor_10000" value="1"');
    expect(saved).toMatch(/uname="node2" in_ccm="false" crmd="online"/);
  });

  it("writes the graph (-G) and dot file (-D), and scores in plain text with -s", () => {
    const graph = join(dir, "graph.xml");
    const dot = join(dir, "graph.dot");
    const run = simulate(["-x", input, "-q", "1", "-u", "node1", "-s", "-G", graph, "-D", dot]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("pcmk__primitive_assign: rsc1 allocation score on node1: ");
    expect(run.stdout).not.toContain("Transition Summary:");
    expect(
      run.stdout.startsWith("[ node1 node2 ]\n\nrsc1\t(ocf:pacemaker:Dummy):\t Stopped\n"),
    ).toBe(true);
    expect(readFileSync(graph, "utf8")).toMatch(
      /^<transition_graph cluster-delay="60s"(.|\n)*<rsc_op id="\d+" operation="start" operation_key="rsc1_start_0" on_node="node1" on_node_uuid="1">/,
    );
    expect(readFileSync(dot, "utf8")).toMatch(
      /^ digraph "g" \{\n(.|\n)*"rsc1_start_0 node1" \[ style=bold color="green" fontcolor="black"\]/,
    );
  });

  it("prints nothing but scores with -Q, and reads the CIB from standard input with -p", () => {
    expect(simulate(["-x", input, "-S", "-Q"]).stdout).toBe("");
    const piped = simulate(["-p"], cib);
    expect(piped.status).toBe(0);
    expect(piped.stdout).toContain("Current cluster status:");
  });

  it.each([
    [["-x", "missing.xml", "-S"], 66, "Cannot read missing.xml: no such file"],
    [["--bogus"], 64, "Unknown option --bogus"],
    [["-L", "-S"], 64, "--live-check is not supported"],
    [["-x", "cib.xml", "-u", "nodeX", "-S"], 65, 'Node "nodeX" is not in the configuration'],
    [["-x", "cib.xml", "-i", "rsc1_start@node1", "-S"], 65, "Invalid operation spec"],
  ])("fails on %j with exit %i, a clear message and no output file", (args, status, message) => {
    const output = join(dir, `never-${status}.xml`);
    const run = simulate([...args, "-O", output, "-G", join(dir, `never-${status}.graph`)]);
    expect(run.status).toBe(status);
    expect(run.stderr).toContain(message);
    expect(existsSync(output)).toBe(false);
    expect(existsSync(join(dir, `never-${status}.graph`))).toBe(false);
  });

  it("reports where a malformed CIB breaks", () => {
    writeFileSync(join(dir, "broken.xml"), "<cib>\n  <configuration>\n</cib>\n");
    const run = simulate(["-x", "broken.xml", "-S", "-O", "out-broken.xml"]);
    expect(run.status).toBe(66);
    expect(run.stderr).toMatch(/broken\.xml:3:\d+: /);
    expect(existsSync(join(dir, "out-broken.xml"))).toBe(false);
  });

  it("prints help and version", () => {
    expect(simulate(["--help"]).stdout).toContain("--op-inject=OPSPEC");
    expect(simulate(["--version"]).stdout).toContain("crm_simulate");
  });

  const corpus = corpusDir("scheduler");
  const oracle = hasTool("crm_simulate");
  it
    .skipIf(corpus === undefined || !oracle)
    .each(["1360", "bug-1572-1", "promoted-0", "group-fail", "rec-node-11"])(
    "prints %s's current status byte for byte as Pacemaker's crm_simulate",
    (name) => {
      const file = join(corpus ?? "", `${name}.xml`);
      const expected = spawnSync("crm_simulate", ["-x", file], {
        encoding: "utf8",
        env: { ...process.env, LC_ALL: "C" },
      });
      expect(simulate(["-x", file]).stdout).toBe(expected.stdout);
    },
  );

  it.skipIf(!oracle)(
    "writes the same -O CIB root (num_updates) and status section as Pacemaker for injections alone",
    () => {
      const ours = join(dir, "ours.xml");
      const theirs = join(dir, "theirs.xml");
      const args = ["-u", "node1", "-d", "node2", "-i", "rsc1_start_0@node1=1", "-q", "0"];
      simulate(["-x", input, ...args, "-O", ours]);
      spawnSync("crm_simulate", ["-x", input, ...args, "-O", theirs], { encoding: "utf8" });
      const status = (path: string): string =>
        readFileSync(path, "utf8")
          .replace(/(last-rc-change|value)="1\d{9}"/g, '$1="T"')
          .split("<status>")[1] ?? "";
      expect(status(ours)).toBe(status(theirs));
      const root = (path: string): string => readFileSync(path, "utf8").split("\n")[0] ?? "";
      expect(root(ours)).toBe(root(theirs));
    },
  );
});
