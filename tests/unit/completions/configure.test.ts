import { describe, expect, it } from "vitest";
import { completeAt, inLevel, labels } from "./fixture.js";

const configure = inLevel("configure");
const aclSpecs = [
  "attr:",
  "attribute:",
  "cib:",
  "location:",
  "meta:",
  "node:",
  "nodeattr:",
  "nodeutil:",
  "params:",
  "property:",
  "ref:",
  "reference:",
  "status:",
  "tag:",
  "type:",
  "utilization:",
  "xpath:",
];
const opAttributeLabels = [
  "description=",
  "enabled=",
  "interval-origin=",
  "on-fail=",
  "record-pending=",
  "role=",
  "start-delay=",
  "timeout=",
];

describe("complete() in configure statements", () => {
  it.each([
    ["prim<|>", ["primitive"]],
    ["co<|>", ["colocation", "commit"]],
    ["primitive vip ocf:heartbeat:IPaddr2 <|>", ["meta", "op", "params", "utilization"]],
    [
      "primitive vip Dummy op monitor interval=10s <|>",
      [...opAttributeLabels, "meta", "op", "op_meta", "op_params", "params", "utilization"].sort(),
    ],
    [
      "primitive vip Dummy op monitor op_params <|>",
      ["meta", "op", "op_meta", "op_params", "params", "utilization"],
    ],
    ["role r <|>", ["deny", "read", "write"]],
    ["role r read x<|>", ["xpath:"]],
    ["role r write ref:v<|>", ["ref:vip"]],
    ["role r read ref:vip <|>", [...aclSpecs, "deny", "read", "write"].sort()],
    ["fencing_topology <|>", ["db", "fence1", "node1:", "node2:", "vip", "web"]],
    ["primitive p <|>", ["@tpl-web", "ocf:", "stonith:", "systemd:"]],
    ["primitive p oc<|>", ["ocf:"]],
    ["primitive p ocf:<|>", ["ocf:heartbeat:", "ocf:pacemaker:"]],
    ["primitive p ocf:pacemaker:<|>", ["ocf:pacemaker:Dummy", "ocf:pacemaker:Stateful"]],
    ["primitive p stonith:<|>", ["stonith:fence_xvm"]],
    ["primitive p @<|>", ["@tpl-web"]],
    [
      "primitive vip IPaddr2 params <|>",
      ["cidr_netmask=", "ip=", "meta", "nic=", "op", "params", "utilization"],
    ],
    ["primitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.1 n<|>", ["nic="]],
    ["primitive vip Dummy meta target-role=St<|>", ["target-role=Started", "target-role=Stopped"]],
    ["primitive vip Dummy meta is-managed=<|>", ["is-managed=false", "is-managed=true"]],
    ["primitive vip Dummy meta resource-st<|>", ["resource-stickiness="]],
    [
      "primitive vip Dummy op <|>",
      [
        "demote",
        "meta-data",
        "migrate_from",
        "migrate_to",
        "monitor",
        "notify",
        "promote",
        "reload",
        "reload-agent",
        "start",
        "stop",
        "validate-all",
      ],
    ],
    ["primitive vip Dummy op monitor interval=10s t<|>", ["timeout="]],
    ["primitive vip Dummy op monitor on-fail=f<|>", ["on-fail=fence"]],
    [
      "primitive vip Dummy op monitor role=<|>",
      [
        "role=Master",
        "role=Promoted",
        "role=Slave",
        "role=Started",
        "role=Stopped",
        "role=Unpromoted",
      ],
    ],
    ["group g <|>", ["db", "fence1", "vip", "web"]],
    ["group g vip <|>", ["db", "fence1", "meta", "params", "web"]],
    [
      "group g vip web meta <|>",
      [
        "allow-migrate=",
        "allow-unhealthy-nodes=",
        "critical=",
        "description=",
        "failure-timeout=",
        "is-managed=",
        "maintenance=",
        "meta",
        "migration-threshold=",
        "multiple-active=",
        "params",
        "priority=",
        "provides=",
        "remote-addr=",
        "remote-connect-timeout=",
        "remote-node=",
        "remote-port=",
        "requires=",
        "resource-stickiness=",
        "target-role=",
      ],
    ],
    ["clone c <|>", ["db", "fence1", "g-web", "vip", "web"]],
    ["clone c db meta cl<|>", ["clone-max=", "clone-min=", "clone-node-max="]],
    ["ms m db meta prom<|>", ["promotable=", "promoted-max=", "promoted-node-max="]],
    ["tag t <|>", ["c-db", "db", "fence1", "g-web", "tpl-web", "vip", "web"]],
    ["monitor <|>", ["db", "fence1", "vip", "web"]],
  ])("completes %j", (text, expected) => {
    expect(labels(completeAt(text, configure))).toEqual(expected);
  });

  it("offers the agent's actions and the interval and timeout its meta-data advises", () => {
    expect(labels(completeAt("primitive vip IPaddr2 op <|>", configure))).toEqual([
      "monitor",
      "start",
      "stop",
    ]);
    expect(labels(completeAt("primitive vip IPaddr2 op monitor i<|>", configure))).toEqual([
      "interval-origin=",
      "interval=",
      "interval=10s",
    ]);
    expect(
      labels(completeAt("primitive vip IPaddr2 op monitor interval=5s t<|>", configure)),
    ).toEqual(["timeout=", "timeout=20s"]);
  });

  it("shows agent parameters with their short descriptions", () => {
    const candidates = completeAt("primitive vip IPaddr2 params i<|>", configure);
    expect(candidates).toEqual([
      { label: "ip=", kind: "parameter", detail: "IPv4 or IPv6 address (required)" },
    ]);
  });

  it("shows meta attribute types and defaults", () => {
    const [candidate] = completeAt("primitive vip Dummy meta migration-t<|>", configure);
    expect(candidate?.detail).toMatch(/^score, default INFINITY — /);
  });

  it("completes a statement after the level name from the root", () => {
    expect(labels(completeAt("configure primitive p ocf:heartbeat:I<|>"))).toEqual([
      "ocf:heartbeat:IPaddr2",
    ]);
    expect(labels(completeAt("conf prim p ocf:heartbeat:I<|>"))).toEqual(["ocf:heartbeat:IPaddr2"]);
  });

  it("completes at a cursor in the middle of the line", () => {
    expect(labels(completeAt("group g v<|> web", configure))).toEqual(["vip"]);
  });
});
