import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { readXml, writeXml } from "../../../backend/cib/index.js";
import type { XmlElement } from "../../../backend/cib/index.js";
import { operationDigest } from "../../../shell/simulate/digest.js";
import { executeGraph, knownResourceNames } from "../../../shell/simulate/execute.js";
import type { GraphAction, TransitionGraph } from "../../../shell/simulate/graph.js";
import { corpusDir } from "../../support/corpus.js";
import { hasTool } from "../../support/oracle.js";
import { readPacemakerGraph } from "./pacemaker-graph.js";

function parse(text: string): XmlElement {
  const parsed = readXml(text);
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  return parsed.value;
}

const cib = `<cib><configuration><nodes><node id="1" uname="n1"/></nodes><resources>
<primitive id="r" class="ocf" provider="pacemaker" type="Dummy"/></resources></configuration><status/></cib>`;

function action(
  id: number,
  kind: GraphAction["kind"],
  operation: string,
  extra: Partial<GraphAction> = {},
): GraphAction {
  return {
    id,
    kind,
    operation,
    operationKey: `r_${operation}_0`,
    node: "n1",
    nodeUuid: "1",
    resource:
      kind === "rsc_op"
        ? { id: "r", longId: undefined, className: "ocf", provider: "pacemaker", type: "Dummy" }
        : undefined,
    attributes: new Map([["CRM_meta_timeout", "20000"]]),
    ...extra,
  };
}

describe("executeGraph", () => {
  // Synapse order deliberately differs from dependency order: start waits for the probe.
  const graph: TransitionGraph = {
    attributes: {},
    synapses: [
      { id: 0, priority: 0, action: action(3, "rsc_op", "start"), inputs: [2, 1] },
      {
        id: 1,
        priority: 0,
        action: action(2, "pseudo_event", "load_stopped", {
          operationKey: "load_stopped_n1",
          node: undefined,
        }),
        inputs: [],
      },
      {
        id: 2,
        priority: 0,
        action: action(1, "rsc_op", "monitor", {
          attributes: new Map([["CRM_meta_op_target_rc", "7"]]),
        }),
        inputs: [],
      },
    ],
  };

  it("fires synapses in passes, each as soon as its inputs are complete", () => {
    const result = executeGraph(graph, {
      cib: parse(cib),
      opFail: [],
      now: 1000,
      knownNames: new Set(["r"]),
    });
    expect(result.complete).toBe(true);
    expect(result.lines.map((line) => line.text)).toEqual([
      "Pseudo action:   load_stopped_n1",
      "Resource action: r               monitor on n1",
      "Resource action: r               start on n1",
    ]);
  });

  it("records results with the expected rc and the operation digest", () => {
    const target = parse(cib);
    executeGraph(graph, { cib: target, opFail: [], now: 1000, knownNames: new Set(["r"]) });
    const text = writeXml(target);
    expect(text).toContain('operation_key="r_start_0" operation="start"');
    expect(text).toContain('call-id="2" rc-code="0"');
    // MD5 of " <parameters/>\n": the digest Pacemaker records for a parameterless start.
    expect(text).toContain('op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8"');
    expect(
      operationDigest(
        action(9, "rsc_op", "monitor", {
          attributes: new Map([
            ["CRM_meta_interval", "10000"],
            ["CRM_meta_timeout", "20000"],
          ]),
        }),
      ),
    ).toBe("4811cef7f7f94e3a35a70be7916cb2fd");
  });

  it("after an action -F makes fail, fires only pseudo actions and counts the failure", () => {
    const target = parse(cib);
    const result = executeGraph(graph, {
      cib: target,
      opFail: ["r_monitor_0@n1=1"],
      now: 1000,
      knownNames: new Set(["r"]),
    });
    expect(result.complete).toBe(true);
    expect(result.lines.map((line) => line.text)).toEqual([
      "Pseudo action:   load_stopped_n1",
      "Resource action: r               monitor on n1",
      "Pretending action 1 failed with rc=1",
      "Injecting attribute fail-count-r#monitor_0=value++ into /node_state '1'",
      "Injecting attribute last-failure-r#monitor_0=1000 into /node_state '1'",
    ]);
    expect(writeXml(target)).toContain('name="fail-count-r#monitor_0" value="1"');
  });

  const corpus = corpusDir("scheduler");
  const oracle = hasTool("crm_simulate");
  it
    .skipIf(corpus === undefined || !oracle)
    .each(["standby", "1360", "594", "anti-colocation-promoted", "bug-1573", "rec-node-13"])(
    "executes Pacemaker's graph for %s like crm_simulate -S (lines and status section)",
    (name) => {
      const dir = mkdtempSync(join(tmpdir(), "quorate-execute-"));
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      const input = join(corpus ?? "", `${name}.xml`);
      const opFail = name === "1360" ? ["-F", "dollies:0_stop_0@ssgtest1a=1"] : [];
      execFileSync(
        "crm_simulate",
        ["-x", input, "-S", "-Q", "-G", join(dir, "g.xml"), "-O", join(dir, "out.xml"), ...opFail],
        { stdio: "pipe" },
      );
      const target = parse(readFileSync(input, "utf8"));
      const result = executeGraph(readPacemakerGraph(readFileSync(join(dir, "g.xml"), "utf8")), {
        cib: target,
        opFail: opFail.slice(1),
        now: 1,
        knownNames: knownResourceNames(target),
      });
      const run = execFileSync("crm_simulate", ["-x", input, "-S", ...opFail], {
        encoding: "utf8",
      });
      const summary = run.split("\n");
      const from = summary.indexOf("Executing Cluster Transition:") + 1;
      const expected = summary.slice(from, summary.indexOf("Revised Cluster Status:"));
      const squash = (line: string): string =>
        line
          .replace(/\s+/g, " ")
          .replace(/=\d+ into/, "=T into")
          .trim();
      const wanted = expected.filter((line) => line.startsWith("  * ")).map(squash);
      const items = result.lines.filter((line) => line.kind === "item");
      expect(items.map((line) => squash(`* ${line.text}`))).toEqual(wanted);
      const infos = result.lines.filter((line) => line.kind === "info").map((line) => line.text);
      expect(infos).toEqual(expected.filter((line) => line.startsWith("Pretending")));
      const status = (text: string): string =>
        text
          .replace(/last-rc-change="\d+"/g, "T")
          .replace(/(last-failure-[^"]*" value=)"\d+"/g, "$1T")
          .replace(/ (cib-last-written|num_updates|epoch)="[^"]*"/g, "")
          .split("<status>")[1] ?? "";
      expect(status(writeXml(target))).toBe(status(readFileSync(join(dir, "out.xml"), "utf8")));
    },
  );
});
