import { describe, expect, test } from "vitest";
import { element } from "../../../backend/cib/index.js";
import { fenceAgentInput } from "../../../daemons/executor/index.js";
import {
  agentCapabilitiesOf,
  deviceRun,
  fenceExecutorAction,
  fencingConfigOf,
  fencingPlan,
  hostCheck,
  inStaticList,
} from "../../../daemons/fencer/index.js";
import { simAgentMetadata } from "../../../daemons/sim/index.js";
import type { FenceDevice } from "../../../daemons/fencer/index.js";

function device(params: Record<string, string>): FenceDevice {
  return { id: "st", agent: "fence_quorate_local", params };
}

function nvpair(name: string, value: string): ReturnType<typeof element> {
  return element("nvpair", { id: `x-${name}`, name, value });
}

describe("fence devices", () => {
  test("inStaticList() reads pcmk_host_list and pcmk_host_map, in any case", () => {
    expect(inStaticList(device({ pcmk_host_list: "node1,node2" }), "node2")).toBe(true);
    expect(inStaticList(device({ pcmk_host_list: "node1 node2" }), "node3")).toBe(false);
    expect(inStaticList(device({ pcmk_host_list: "Node1;node2" }), "node1")).toBe(true);
    expect(inStaticList(device({ pcmk_host_map: "node1:p1;node3:p3" }), "node3")).toBe(true);
    expect(inStaticList(device({ pcmk_host_map: "node1=p1" }), "node1")).toBe(true);
    expect(inStaticList(device({ pcmk_host_map: "node1:p1" }), "node3")).toBe(false);
  });

  test("hostCheck() defaults as Pacemaker: static list, else list, else status, else none", () => {
    const withList = agentCapabilitiesOf(simAgentMetadata);
    const statusOnly = { actions: new Set(["off", "status"]), hostArgument: "port" as const };
    const neither = { actions: new Set(["off"]), hostArgument: undefined };
    expect(hostCheck(device({ pcmk_host_list: "node1" }), withList)).toBe("static-list");
    expect(hostCheck(device({ pcmk_host_map: "node1:1" }), withList)).toBe("static-list");
    expect(hostCheck(device({}), withList)).toBe("dynamic-list");
    expect(hostCheck(device({}), statusOnly)).toBe("status");
    expect(hostCheck(device({}), neither)).toBe("none");
    expect(hostCheck(device({}), undefined)).toBe("none");
    expect(hostCheck(device({ pcmk_host_list: "n", pcmk_host_check: "none" }), withList)).toBe(
      "none",
    );
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
    expect(fencingPlan(config, "node1")).toEqual({
      levels: [["st-a", "st-b"], ["st-b"]],
      topology: true,
    });
    expect(fencingPlan(config, "node2").levels).toEqual([["st-b"]]);
    expect(fencingPlan(config, "node4")).toEqual({ levels: [["st-a"], ["st-b"]], topology: false });
  });
});
