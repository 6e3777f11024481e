import { describe, expect, test } from "vitest";
import {
  TargetDiscovery,
  agentCapabilitiesOf,
  parseTargetList,
  targetAlias,
  targetListMaxAgeMs,
} from "../../../daemons/fencer/index.js";
import type { DiscoveryResult, FenceDevice } from "../../../daemons/fencer/index.js";
import { simAgentMetadata } from "../../../daemons/sim/index.js";

function device(params: Record<string, string> = {}, agent = "fence_sim"): FenceDevice {
  return { id: "st", agent, params };
}

const answered = (output: string, rc = 0): DiscoveryResult => ({ status: "done", rc, output });
const metadataOk = answered(simAgentMetadata);
const first = { nowMs: 1_000, listAsked: false, status: undefined };

function knowing(metadata: DiscoveryResult = metadataOk): TargetDiscovery {
  const discovery = new TargetDiscovery();
  discovery.recordMetadata("fence_sim", metadata);
  return discovery;
}

describe("target discovery (pcmk_host_check)", () => {
  test("agentCapabilitiesOf() reads actions and the host argument (plug before port)", () => {
    const capabilities = agentCapabilitiesOf(simAgentMetadata);
    expect([...(capabilities?.actions ?? [])].sort()).toEqual(
      ["list", "metadata", "monitor", "off", "on", "reboot", "status"].sort(),
    );
    expect(capabilities?.hostArgument).toBe("port");
    const both = simAgentMetadata.replace(
      "</parameters>",
      '<parameter name="plug"><content type="string"/></parameter></parameters>',
    );
    expect(agentCapabilitiesOf(both)?.hostArgument).toBe("plug");
    expect(agentCapabilitiesOf("not xml")).toBeUndefined();
  });

  test("parseTargetList() takes plug,alias lines and skips on/off and complaints", () => {
    const output = "node1,alias-1\nnode2 on\n\nnode_3;node.4\nParse error: invalid x\n";
    expect(parseTargetList(output)).toEqual(["node1", "alias-1", "node2", "node_3", "node.4"]);
    expect(parseTargetList("node1\\nnode2")).toEqual(["node1", "node2"]);
  });

  test("the agent's meta-data is read first, once per agent", () => {
    const discovery = new TargetDiscovery();
    expect(discovery.eligibility(device(), "node1", first)).toEqual({
      kind: "run",
      action: "metadata",
    });
    discovery.recordMetadata("fence_sim", metadataOk);
    expect(discovery.eligibility(device(), "node1", first).kind).toBe("run");
    expect(discovery.eligibility(device(), "node1", first)).toMatchObject({ action: "list" });
  });

  test("static-list answers from pcmk_host_list / pcmk_host_map without running the agent", () => {
    const discovery = knowing();
    const listed = device({ pcmk_host_list: "node1 node2" });
    expect(discovery.eligibility(listed, "node2", first)).toEqual({
      kind: "can",
      check: "static-list",
    });
    expect(discovery.eligibility(listed, "node3", first)).toMatchObject({ kind: "cannot" });
    expect(discovery.eligibility(device({ pcmk_host_map: "node3:7" }), "node3", first).kind).toBe(
      "can",
    );
  });

  test("dynamic-list runs list, keeps it for 60 s, then runs it again", () => {
    const discovery = knowing();
    const dynamic = device();
    expect(discovery.eligibility(dynamic, "node2", first)).toMatchObject({ action: "list" });
    discovery.recordList("st", answered("node1\nnode2\n"), 1_000);
    const later = { ...first, nowMs: 1_000 + targetListMaxAgeMs - 1 };
    expect(discovery.eligibility(dynamic, "node2", later).kind).toBe("can");
    expect(discovery.eligibility(dynamic, "node3", later)).toMatchObject({
      kind: "cannot",
      check: "dynamic-list",
    });
    const stale = { ...first, nowMs: 1_000 + targetListMaxAgeMs };
    expect(discovery.eligibility(dynamic, "node2", stale)).toMatchObject({ action: "list" });
  });

  test("dynamic-list looks for the pcmk_host_map alias, in any case", () => {
    const discovery = knowing();
    const mapped = device({ pcmk_host_check: "dynamic-list", pcmk_host_map: "node2:VM-2" });
    expect(targetAlias(mapped, "node2")).toBe("VM-2");
    discovery.recordList("st", answered("vm-1\nvm-2\n"), 1_000);
    expect(discovery.eligibility(mapped, "node2", first).kind).toBe("can");
    expect(discovery.eligibility(mapped, "node1", first).kind).toBe("cannot");
  });

  test("a failed list keeps the last good one; with none, an implicit check falls to status", () => {
    const discovery = knowing();
    discovery.recordList("st", answered("node1"), 1_000);
    const stale = { nowMs: 1_000 + targetListMaxAgeMs, listAsked: true, status: undefined };
    discovery.recordList("st", answered("", 1), stale.nowMs);
    expect(discovery.eligibility(device(), "node1", stale).kind).toBe("can");

    const fresh = knowing();
    fresh.recordList("st", { status: "timeout", rc: 1, output: "" }, 1_000);
    expect(fresh.checkOf(device())).toBe("status");
    expect(fresh.eligibility(device(), "node1", first)).toMatchObject({ action: "status" });
    const explicit = device({ pcmk_host_check: "dynamic-list" });
    expect(fresh.eligibility(explicit, "node1", { ...first, listAsked: true })).toMatchObject({
      kind: "cannot",
    });
    fresh.configChanged();
    expect(fresh.checkOf(device())).toBe("dynamic-list");
  });

  test("status: exit 0 (on) and 2 (off, rc 7) mean the device reaches the target; 1 does not", () => {
    const statusOnly = simAgentMetadata.replace('<action name="list"/>', "");
    const discovery = knowing(answered(statusOnly));
    const asked = (status: DiscoveryResult) =>
      discovery.eligibility(device(), "node1", { ...first, status });
    expect(discovery.eligibility(device(), "node1", first)).toMatchObject({ action: "status" });
    expect(asked(answered("Status: ON")).kind).toBe("can");
    expect(asked(answered("Status: OFF", 7)).kind).toBe("can");
    expect(asked(answered("", 1)).kind).toBe("cannot");
    expect(asked({ status: "timeout", rc: 1, output: "" }).kind).toBe("cannot");
  });

  test("an agent without list or status, or unreadable meta-data, reaches every node (none)", () => {
    const discovery = knowing(answered("", 1));
    expect(discovery.eligibility(device(), "node9", first)).toEqual({ kind: "can", check: "none" });
    expect(
      knowing().eligibility(device({ pcmk_host_check: "bogus" }), "node1", first),
    ).toMatchObject({ kind: "cannot", reason: 'invalid pcmk_host_check "bogus"' });
  });
});
