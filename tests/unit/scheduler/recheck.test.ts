import { describe, expect, test } from "vitest";
import { schedule } from "../../../daemons/scheduler/index.js";

const lastFailure = 1_700_000_000;

/** Two nodes; `web` failed its monitor on node1 at `lastFailure` and runs on node2. */
function failedCib(meta: string, constraints = ""): string {
  return `<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.9" have-quorum="1" dc-uuid="1">
  <configuration>
    <crm_config><cluster_property_set id="o"><nvpair id="o-s" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
    <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
    <resources><primitive id="web" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="web-m">${meta}</meta_attributes></primitive></resources>
    <constraints>${constraints}</constraints>
  </configuration>
  <status>
    <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member">
      <transient_attributes id="1"><instance_attributes id="status-1">
        <nvpair id="status-1-fc" name="fail-count-web#monitor_10000" value="1"/>
        <nvpair id="status-1-lf" name="last-failure-web#monitor_10000" value="${lastFailure}"/>
      </instance_attributes></transient_attributes>
      <lrm id="1"><lrm_resources><lrm_resource id="web" class="ocf" provider="pacemaker" type="Dummy">
        <lrm_rsc_op id="web_last_0" operation_key="web_stop_0" operation="stop" interval="0" call-id="4" rc-code="0" op-status="0" transition-key="2:1:0:x" transition-magic="0:0;2:1:0:x" last-rc-change="${lastFailure + 1}" op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8"/>
        <lrm_rsc_op id="web_last_failure_0" operation_key="web_monitor_10000" operation="monitor" interval="10000" call-id="3" rc-code="7" op-status="0" transition-key="3:1:0:x" transition-magic="0:7;3:1:0:x" last-rc-change="${lastFailure}" op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8"/>
      </lrm_resource></lrm_resources></lrm>
    </node_state>
    <node_state id="2" uname="node2" in_ccm="true" crmd="online" join="member" expected="member"><lrm id="2"><lrm_resources>
      <lrm_resource id="web" class="ocf" provider="pacemaker" type="Dummy"><lrm_rsc_op id="web_last_0" operation_key="web_start_0" operation="start" interval="0" call-id="2" rc-code="0" op-status="0" transition-key="2:1:0:x" transition-magic="0:0;2:1:0:x" last-rc-change="${lastFailure + 2}" op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8"/></lrm_resource>
    </lrm_resources></lrm></node_state>
  </status>
</cib>`;
}

const threshold = '<nvpair id="web-m-mt" name="migration-threshold" value="1"/>';
const timeout = (value: string): string =>
  `<nvpair id="web-m-ft" name="failure-timeout" value="${value}"/>`;

function node1Score(cib: string, now: number): string | undefined {
  return schedule(cib, { now: String(now) })
    .scores.find((line) => line.includes("web allocation score on node1"))
    ?.split(": ")
    .at(-1);
}

describe("schedule() reports recheckBy, the earliest instant its result can change", () => {
  test("a recorded failure: when its record expires, then one second after last-failure + failure-timeout (the fail count expires strictly after)", () => {
    const cib = failedCib(threshold + timeout("60s"));
    // check_operation_expiry ignores the failed record from last-rc-change + failure-timeout.
    expect(schedule(cib, { now: String(lastFailure + 10) }).recheckBy).toBe(lastFailure + 60);
    expect(schedule(cib, { now: String(lastFailure + 60) }).recheckBy).toBe(lastFailure + 61);
    expect(node1Score(cib, lastFailure + 10)).toBe("-INFINITY");
    expect(node1Score(cib, lastFailure + 60)).toBe("-INFINITY");
    // Expired: the fail count no longer bans node1, and nothing is left to wait for.
    expect(node1Score(cib, lastFailure + 61)).toBe("0");
    expect(schedule(cib, { now: String(lastFailure + 61) }).recheckBy).toBeUndefined();
  });

  test("an expired fail count is cleared by the DC (clear_failcount), once it has expired only", () => {
    const cib = failedCib(threshold + timeout("60s"));
    const clears = (now: number): string[] =>
      schedule(cib, { now: String(now) })
        .graph.actions.filter((action) => action.task === "clear_failcount")
        .map((action) => `${action.resource ?? ""} on ${action.node ?? ""}`);
    expect(clears(lastFailure + 60)).toEqual([]);
    expect(clears(lastFailure + 61)).toEqual(["web on node1"]);
  });

  test("failure-timeout is whole seconds (Pacemaker drops the milliseconds)", () => {
    const cib = failedCib(threshold + timeout("2500ms"));
    expect(schedule(cib, { now: String(lastFailure + 2) }).recheckBy).toBe(lastFailure + 3);
  });

  test("without failure-timeout or without time-based input there is nothing to recheck", () => {
    expect(schedule(failedCib(threshold), { now: String(lastFailure + 10) }).recheckBy).toBeUndefined();
    expect(schedule(failedCib(threshold + timeout("60s"))).recheckBy).toBeUndefined();
  });

  const start = "2030-01-01T00:00:00Z";
  const startSeconds = Date.parse(start) / 1000;
  const end = "2030-01-02T00:00:00Z";
  const endSeconds = Date.parse(end) / 1000;
  const dated = (expression: string): string =>
    failedCib(
      "",
      `<rsc_location id="l" rsc="web"><rule id="r" score="100"><date_expression id="d" ${expression}/></rule></rsc_location>`,
    );

  test.each([
    ["in_range before its start: the start", `operation="in_range" start="${start}" end="${end}"`, startSeconds - 100, startSeconds],
    ["in_range inside: one second after its end", `operation="in_range" start="${start}" end="${end}"`, startSeconds + 100, endSeconds + 1],
    ["in_range after its end: nothing", `operation="in_range" start="${start}" end="${end}"`, endSeconds + 1, undefined],
    ["gt before its start: one second after it", `operation="gt" start="${start}"`, startSeconds - 100, startSeconds + 1],
    ["gt after its start: nothing", `operation="gt" start="${start}"`, startSeconds + 1, undefined],
    ["lt before its end: the end", `operation="lt" end="${end}"`, startSeconds, endSeconds],
  ])("a date_expression %s", (_name, expression, now, expected) => {
    expect(schedule(dated(expression), { now: String(now) }).recheckBy).toBe(expected);
  });

  test("the earliest of several instants wins", () => {
    const cib = failedCib(
      threshold + timeout("60s"),
      `<rsc_location id="l" rsc="web"><rule id="r" score="100"><date_expression id="d" operation="gt" start="2023-11-14T22:13:50Z"/></rule></rsc_location>`,
    );
    // 22:13:20Z is lastFailure: the rule flips at +31 s, before the failure expires at +61 s.
    expect(schedule(cib, { now: String(lastFailure + 10) }).recheckBy).toBe(lastFailure + 31);
  });
});
