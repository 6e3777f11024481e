import { describe, expect, test } from "vitest";
import { emptyCib, writeXml } from "../../../backend/cib/index.js";
import { applyStatusChanges, transientAttributes } from "../../../daemons/controller/index.js";
import type { StatusChange } from "../../../daemons/controller/index.js";
import { cibVersion } from "../../../daemons/cib/index.js";
import { schedule } from "../../../daemons/scheduler/index.js";

const agent = { className: "ocf", provider: "quorate", type: "Dummy" };

function op(id: string, operation: string, interval: string, rc: string): Record<string, string> {
  return {
    id,
    operation_key: `d_${operation}_${interval}`,
    operation,
    "call-id": "1",
    "rc-code": rc,
    "op-status": "0",
    interval,
    "transition-key": "1:1:0:x",
  };
}

describe("applyStatusChanges()", () => {
  test("writes node_state and history the scheduler reads: the resource is active there", () => {
    const cib = emptyCib();
    const changes: StatusChange[] = [
      { kind: "node_entry", nodeId: "1", name: "node1" },
      {
        kind: "node_state",
        nodeId: "1",
        name: "node1",
        attributes: { in_ccm: "true", crmd: "online", join: "member", expected: "member" },
      },
      {
        kind: "record_op",
        nodeId: "1",
        name: "node1",
        resource: "d",
        agent,
        records: [op("d_last_0", "start", "0", "0")],
      },
    ];
    const applied = applyStatusChanges(cib, changes);
    expect(applied).toBeDefined();
    // The nodes entry is configuration: epoch moves, num_updates resets.
    expect(cibVersion(applied?.cib ?? cib)).toEqual({ adminEpoch: 0, epoch: 2, numUpdates: 0 });
    const text = writeXml(applied?.cib ?? cib);
    expect(text).toContain(
      '<node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"',
    );
    expect(text).toContain('<lrm_resource id="d" type="Dummy" class="ocf" provider="quorate">');
    const withPrimitive = text.replace(
      "<resources/>",
      '<resources><primitive id="d" class="ocf" provider="quorate" type="Dummy"/></resources>',
    );
    const model = schedule(withPrimitive).model;
    const primitive = model?.resourceById.get("d");
    expect(primitive?.kind === "primitive" ? [...primitive.activeOn.keys()] : []).toEqual([
      "node1",
    ]);
  });

  test("a successful stop drops the recurring monitor records, not the last failure", () => {
    const start: StatusChange = {
      kind: "record_op",
      nodeId: "1",
      name: "node1",
      resource: "d",
      agent,
      records: [op("d_last_0", "start", "0", "0"), op("d_monitor_1000", "monitor", "1000", "0")],
    };
    const first = applyStatusChanges(emptyCib(), [start]);
    const failure: StatusChange = {
      ...start,
      records: [op("d_last_failure_0", "monitor", "1000", "7")],
    };
    const stop: StatusChange = { ...start, records: [op("d_last_0", "stop", "0", "0")] };
    const second = first === undefined ? undefined : applyStatusChanges(first.cib, [failure, stop]);
    const text = second === undefined ? "" : writeXml(second.cib);
    expect(text).toContain('operation="stop"');
    expect(text).not.toContain('id="d_monitor_1000"');
    // The last failure stays until a cleanup (crm_mon's Failed Resource Actions).
    expect(text).toContain('id="d_last_failure_0"');
  });

  test("cluster options go to cib-bootstrap-options once: a configuration change, then no write", () => {
    const options: StatusChange = {
      kind: "cluster_options",
      options: { "dc-version": "0.1.0-quorate", "cluster-infrastructure": "corosync" },
    };
    const first = applyStatusChanges(emptyCib(), [options]);
    expect(first === undefined ? undefined : cibVersion(first.cib)).toEqual({
      adminEpoch: 0,
      epoch: 2,
      numUpdates: 0,
    });
    const text = first === undefined ? "" : writeXml(first.cib);
    expect(text).toContain(
      [
        '<cluster_property_set id="cib-bootstrap-options">',
        '        <nvpair id="cib-bootstrap-options-dc-version" name="dc-version" value="0.1.0-quorate"/>',
        '        <nvpair id="cib-bootstrap-options-cluster-infrastructure" name="cluster-infrastructure" value="corosync"/>',
      ].join("\n"),
    );
    expect(first === undefined ? 0 : applyStatusChanges(first.cib, [options])).toBeUndefined();
    const upgraded: StatusChange = {
      kind: "cluster_options",
      options: { "dc-version": "0.2.0-quorate" },
    };
    const second = first === undefined ? undefined : applyStatusChanges(first.cib, [upgraded]);
    const after = second === undefined ? "" : writeXml(second.cib);
    expect(after).toContain('name="dc-version" value="0.2.0-quorate"');
    expect(after.match(/name="dc-version"/g)).toHaveLength(1);
  });

  test("an unchanged CIB gives no write; status changes move num_updates only", () => {
    const attributes: StatusChange = {
      kind: "set_attributes",
      nodeId: "2",
      name: "node2",
      attributes: { "fail-count-d#monitor_1000": "1" },
    };
    const first = applyStatusChanges(emptyCib(), [attributes]);
    expect(first === undefined ? undefined : cibVersion(first.cib)).toEqual({
      adminEpoch: 0,
      epoch: 1,
      numUpdates: 1,
    });
    expect(
      first === undefined ? undefined : applyStatusChanges(first.cib, [attributes]),
    ).toBeUndefined();
    expect(
      first === undefined
        ? undefined
        : transientAttributes(first.cib, "2").get("fail-count-d#monitor_1000"),
    ).toBe("1");
  });
});
