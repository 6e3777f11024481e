import { describe, expect, test } from "vitest";
import { element } from "../../../backend/cib/index.js";
import { fenceAgentInput } from "../../../daemons/executor/index.js";
import {
  canFence,
  deviceRun,
  fenceExecutorAction,
  fencingConfigOf,
  fencingPlan,
} from "../../../daemons/fencer/index.js";
import type { FenceDevice } from "../../../daemons/fencer/index.js";

function device(params: Record<string, string>): FenceDevice {
  return { id: "st", agent: "fence_quorate_local", params };
}

function nvpair(name: string, value: string): ReturnType<typeof element> {
  return element("nvpair", { id: `x-${name}`, name, value });
}

describe("fence devices", () => {
  test("canFence() follows pcmk_host_list, pcmk_host_map and pcmk_host_check", () => {
    expect(canFence(device({ pcmk_host_list: "node1,node2" }), "node2")).toBe(true);
    expect(canFence(device({ pcmk_host_list: "node1 node2" }), "node3")).toBe(false);
    expect(canFence(device({ pcmk_host_map: "node1:p1;node3:p3" }), "node3")).toBe(true);
    expect(canFence(device({ pcmk_host_map: "node1:p1" }), "node3")).toBe(false);
    expect(canFence(device({ pcmk_host_list: "node1", pcmk_host_check: "none" }), "node3")).toBe(
      true,
    );
    expect(canFence(device({}), "node3")).toBe(true);
  });

  test("deviceRun() and the executor give the agent nodename, the mapped port, no pcmk_*", () => {
    const run = deviceRun(
      device({
        pcmk_host_map: "node3:plug-3",
        pcmk_reboot_timeout: "90s",
        pcmk_reboot_action: "off",
        state_dir: "/tmp/c",
      }),
      { action: "reboot", stonithTimeoutMs: 60_000 },
    );
    expect(run).toMatchObject({ agentAction: "off", timeoutMs: 90_000, attempts: 2 });
    expect(fenceAgentInput(fenceExecutorAction(run, "node3"))).toBe(
      "action=off\nnodename=node3\nport=plug-3\nstate_dir=/tmp/c\n",
    );
    const plug = deviceRun(device({ pcmk_host_argument: "plug" }), {
      action: "off",
      stonithTimeoutMs: 60_000,
    });
    expect(plug.timeoutMs).toBe(60_000);
    expect(fenceAgentInput(fenceExecutorAction(plug, "node1"))).toBe(
      "action=off\nnodename=node1\nplug=node1\n",
    );
  });

  test("fencingConfigOf() reads stonith primitives, fencing-topology and the options", () => {
    const cib = element("cib", {}, [
      element("configuration", {}, [
        element("crm_config", {}, [
          element("cluster_property_set", { id: "cib-bootstrap-options" }, [
            nvpair("stonith-enabled", "true"),
            nvpair("stonith-timeout", "30s"),
          ]),
        ]),
        element("nodes", {}, [
          element("node", { id: "2", uname: "node2" }, [
            element("instance_attributes", { id: "nodes-2" }, [nvpair("rack", "r1")]),
          ]),
        ]),
        element("resources", {}, [
          element("primitive", { id: "st-a", class: "stonith", type: "fence_a" }, [
            element("instance_attributes", { id: "st-a-ia" }, [nvpair("pcmk_host_list", "node2")]),
          ]),
          element("primitive", { id: "st-b", class: "stonith", type: "fence_b" }),
          element("primitive", { id: "st-off", class: "stonith", type: "fence_c" }, [
            element("meta_attributes", { id: "st-off-meta" }, [nvpair("target-role", "Stopped")]),
          ]),
          element("primitive", { id: "vip", class: "ocf", provider: "heartbeat", type: "IPaddr2" }),
        ]),
        element("fencing-topology", {}, [
          element("fencing-level", { id: "l2", index: "2", target: "node1", devices: "st-b" }),
          element("fencing-level", {
            id: "l1",
            index: "1",
            "target-pattern": "^node[13]$",
            devices: "st-a,st-b",
          }),
          element("fencing-level", {
            id: "l3",
            index: "1",
            "target-attribute": "rack",
            "target-value": "r1",
            devices: "st-b",
          }),
        ]),
      ]),
    ]);
    const config = fencingConfigOf(cib);
    expect(config.devices.map((entry) => entry.id)).toEqual(["st-a", "st-b"]);
    expect(config.stonithTimeoutMs).toBe(30_000);
    expect(config.stonithEnabled).toBe(true);
    expect(fencingPlan(config, "node1")).toEqual([["st-a", "st-b"], ["st-b"]]);
    expect(fencingPlan(config, "node2")).toEqual([["st-b"]]);
    expect(fencingPlan(config, "node4")).toEqual([["st-b"]]);
  });
});
