import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { readXml, writeXml } from "../../../backend/cib/index.js";
import type { XmlElement } from "../../../backend/cib/index.js";
import { applyInjections } from "../../../shell/simulate/inject.js";
import { parseOpSpec } from "../../../shell/simulate/opspec.js";
import { hasTool } from "../../support/oracle.js";

const cibText = `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="5" num_updates="0" admin_epoch="0" have-quorum="1">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="o1" name="stonith-enabled" value="false"/>
      </cluster_property_set>
    </crm_config>
    <nodes>
      <node id="1" uname="node1"/>
      <node id="2" uname="node2"/>
      <node id="3" uname="node3"/>
    </nodes>
    <resources>
      <primitive id="rsc1" class="ocf" provider="pacemaker" type="Dummy"/>
      <clone id="c1">
        <primitive id="p1" class="lsb" type="foo"/>
      </clone>
    </resources>
    <constraints/>
  </configuration>
  <status>
    <node_state id="3" uname="node3" in_ccm="true" crmd="online" join="member" expected="member">
      <lrm id="3"><lrm_resources/></lrm>
      <transient_attributes id="3"><instance_attributes id="status-3"/></transient_attributes>
    </node_state>
  </status>
</cib>
`;

const none = {
  quorum: undefined,
  watchdog: undefined,
  nodeUp: [],
  nodeDown: [],
  nodeFail: [],
  opInject: [],
};

function parse(text: string): XmlElement {
  const parsed = readXml(text);
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  return parsed.value;
}

/** Timestamps differ between runs; everything else must match crm_simulate byte for byte. */
function normalise(text: string): string {
  return text
    .replace(/last-rc-change="\d+"/g, 'last-rc-change="T"')
    .replace(/(name="last-failure-[^"]*" value=)"\d+"/g, '$1"T"')
    .replace(/ (cib-last-written|num_updates|epoch)="[^"]*"/g, "");
}

describe("parseOpSpec", () => {
  it("splits the key from the right so resource ids keep their underscores", () => {
    const spec = parseOpSpec("my_rsc_1_monitor_10000@node-a=7");
    expect(spec.ok && spec.value).toEqual({
      text: "my_rsc_1_monitor_10000@node-a=7",
      resource: "my_rsc_1",
      task: "monitor",
      intervalMs: 10000,
      node: "node-a",
      rc: 7,
    });
  });

  it.each([
    "rsc1_start_0@node1",
    "rsc1_start@node1=1",
    "rsc1_start_x@node1=1",
    "rsc1_start_0@node1=one",
  ])("rejects %j with the expected form in the message", (text) => {
    const spec = parseOpSpec(text);
    expect(spec.ok).toBe(false);
    expect(spec.issues[0]?.message).toContain(
      "${resource}_${task}_${interval_in_ms}@${node}=${rc}",
    );
  });
});

describe("applyInjections", () => {
  it("brings nodes up, down and failed with crm_simulate's node_state attributes", () => {
    const cib = parse(cibText);
    const log = applyInjections(
      cib,
      { ...none, nodeUp: ["node1"], nodeDown: ["node3"], nodeFail: ["node2"] },
      100,
    );
    expect(log.ok && log.value).toEqual([
      "Bringing node node1 online",
      "Taking node node3 offline",
      "Failing node node2",
    ]);
    const text = writeXml(cib);
    expect(text).toContain(
      '<node_state id="3" uname="node3" in_ccm="false" crmd="offline" join="down" expected="down" crm-debug-origin="crm_simulate"/>',
    );
    expect(text).toContain(
      '<node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member" crm-debug-origin="crm_simulate"/>',
    );
    expect(text).toContain(
      '<node_state id="2" uname="node2" in_ccm="false" crmd="online" join="member" expected="member" crm-debug-origin="crm_simulate"/>',
    );
  });

  it("records an injected failure with call id, transition key, fail count and last failure", () => {
    const cib = parse(cibText);
    const log = applyInjections(
      cib,
      { ...none, opInject: ["rsc1_monitor_10000@node3=7", "rsc1_start_0@node3=1"] },
      1700000000,
    );
    expect(log.ok && log.value).toEqual([
      "Injecting rsc1_monitor_10000@node3=7 into the configuration",
      "Injecting attribute fail-count-rsc1#monitor_10000=value++ into /node_state '3'",
      "Injecting attribute last-failure-rsc1#monitor_10000=1700000000 into /node_state '3'",
      "Injecting rsc1_start_0@node3=1 into the configuration",
      "Injecting attribute fail-count-rsc1#start_0=value++ into /node_state '3'",
      "Injecting attribute last-failure-rsc1#start_0=1700000000 into /node_state '3'",
    ]);
    const text = writeXml(cib);
    expect(text).toContain('transition-magic="0:1;2:-1:0:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"');
    expect(text).toContain(
      '<nvpair id="status-3-fail-count-rsc1.start_0" name="fail-count-rsc1#start_0" value="1"/>',
    );
  });

  it("increments an existing fail count", () => {
    const cib = parse(cibText);
    const twice = { ...none, opInject: ["rsc1_start_0@node3=1", "rsc1_start_0@node3=1"] };
    applyInjections(cib, twice, 5);
    expect(writeXml(cib)).toContain('name="fail-count-rsc1#start_0" value="2"');
  });

  it.each([
    [{ nodeUp: ["nodeX"] }, 'Node "nodeX" is not in the configuration'],
    [{ opInject: ["nope_start_0@node1=1"] }, "Invalid resource name: nope"],
    [{ opInject: ["rsc1_start_0@nodeX=1"] }, 'Node "nodeX" is not in the configuration'],
    [{ opInject: ["rsc1-start@node1"] }, "Invalid operation spec"],
  ])("refuses %j", (injection, message) => {
    const result = applyInjections(parse(cibText), { ...none, ...injection }, 5);
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.message).toContain(message);
  });

  const oracle = hasTool("crm_simulate");
  it.skipIf(!oracle)("writes the same status section as crm_simulate -O", () => {
    const dir = mkdtempSync(join(tmpdir(), "quorate-inject-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const input = join(dir, "in.xml");
    const expectedFile = join(dir, "expected.xml");
    writeFileSync(input, cibText);
    const args = [
      "-u",
      "node1",
      "-f",
      "node2",
      "-d",
      "node3",
      "-i",
      "rsc1_monitor_10000@node1=7",
      "-i",
      "p1:0_start_0@node1=1",
      "-i",
      "rsc1_monitor_0@node2=7",
    ];
    execFileSync("crm_simulate", ["-x", input, "-O", expectedFile, ...args], { stdio: "pipe" });
    const cib = parse(cibText);
    const result = applyInjections(
      cib,
      {
        ...none,
        nodeUp: ["node1"],
        nodeFail: ["node2"],
        nodeDown: ["node3"],
        opInject: ["rsc1_monitor_10000@node1=7", "p1:0_start_0@node1=1", "rsc1_monitor_0@node2=7"],
      },
      1,
    );
    expect(result.ok).toBe(true);
    const expectedStatus = normalise(readFileSync(expectedFile, "utf8")).split("<status>")[1];
    expect(normalise(writeXml(cib)).split("<status>")[1]).toBe(expectedStatus);
  });
});
