import { describe, expect, it } from "vitest";
import type {
  StatusClone,
  StatusModel,
  StatusNode,
  StatusPrimitive,
  StatusResource,
  StatusRole,
} from "../../../shell/render/status/index.js";
import {
  compareNatural,
  renderClusterStatus,
  statusSections,
  renderTree,
} from "../../../shell/render/status/index.js";

function node(name: string, state: Partial<StatusNode> = {}): StatusNode {
  return {
    name,
    type: "member",
    online: true,
    unclean: false,
    pending: false,
    standby: false,
    standbyOnFail: false,
    maintenance: false,
    ...state,
  };
}

function primitive(
  id: string,
  active: Record<string, StatusRole> = {},
  extra: Partial<StatusPrimitive> = {},
): StatusPrimitive {
  const activeOn = new Map(Object.entries(active));
  const role = [...activeOn.values()][0] ?? "Stopped";
  return {
    kind: "primitive",
    id,
    baseId: id.replace(/:\d+$/, ""),
    meta: new Map(),
    className: "ocf",
    provider: "pacemaker",
    type: "Dummy",
    role,
    activeOn,
    failed: false,
    managed: true,
    blocked: false,
    orphan: false,
    onFailByNode: new Map(),
    history: [],
    ...extra,
  };
}

function clone(
  id: string,
  child: string,
  instances: StatusResource[],
  extra: Partial<StatusClone> = {},
): StatusClone {
  return {
    kind: "clone",
    id,
    meta: new Map(),
    promotable: false,
    globallyUnique: false,
    cloneMax: instances.length,
    template: { attributes: { id: child } },
    instances,
    ...extra,
  };
}

function model(nodes: StatusNode[], resources: StatusResource[], symmetric = true): StatusModel {
  return { options: { symmetricCluster: symmetric, maintenanceMode: false }, nodes, resources };
}

describe("renderClusterStatus", () => {
  it("lays out nodes and a primitive exactly as crm_simulate does", () => {
    const lines = renderClusterStatus(
      model(
        [node("node1"), node("node2", { online: false })],
        [primitive("rsc1", { node1: "Started" })],
      ),
      "Current cluster status",
    );
    expect(lines).toEqual([
      "Current cluster status:",
      "  * Node List:",
      "    * Online: [ node1 ]",
      "    * OFFLINE: [ node2 ]",
      "",
      "  * Full List of Resources:",
      "    * rsc1\t(ocf:pacemaker:Dummy):\t Started node1",
    ]);
  });

  it("lists nodes in special states on their own lines, before the summaries", () => {
    const nodes = [
      node("a", { unclean: true, online: false }),
      node("b", { standby: true }),
      node("c", { standby: true }),
      node("d", { maintenance: true }),
      node("e", { pending: true }),
      node("f"),
    ];
    const [nodeList] = statusSections(model(nodes, [primitive("r", { c: "Started" })]), {
      showInactive: true,
    });
    expect(nodeList === undefined ? [] : renderTree(nodeList)).toEqual([
      "Node List:",
      "  * Node a: UNCLEAN (offline)",
      "  * Node b: standby",
      "  * Node c: standby (with active resources)",
      "  * Node d: maintenance",
      "  * Node e: pending",
      "  * Online: [ f ]",
    ]);
  });

  it("shows primitive flags: failed, unclean node, disabled, blocked, unmanaged, multiply active", () => {
    const meta = new Map([["target-role", "Stopped"]]);
    const resources = [
      primitive("a", { n1: "Promoted" }, { failed: true, blocked: true }),
      primitive("b", { n2: "Started" }),
      primitive("c", {}, { meta }),
      primitive("d", { n1: "Started" }, { managed: false }),
      primitive("e", { n1: "Started", n3: "Started" }, { failed: true }),
      primitive("f", { n1: "Started" }, { orphan: true }),
      primitive("g", {}, { className: "stonith", provider: undefined, type: "fence_xvm" }),
    ];
    const lines = renderClusterStatus(
      model([node("n1"), node("n2", { online: false, unclean: true }), node("n3")], resources),
      "S",
    );
    expect(lines.slice(lines.indexOf("  * Full List of Resources:") + 1)).toEqual([
      "    * a\t(ocf:pacemaker:Dummy):\t FAILED Promoted n1 (blocked)",
      "    * b\t(ocf:pacemaker:Dummy):\t Started n2 (UNCLEAN)",
      "    * c\t(ocf:pacemaker:Dummy):\t Stopped (disabled)",
      "    * d\t(ocf:pacemaker:Dummy):\t Started n1 (unmanaged)",
      "    * e\t(ocf:pacemaker:Dummy):\t FAILED [ n1 n3 ]",
      "    * f\t(ocf:pacemaker:Dummy):\t ORPHANED Started n1",
      "    * g\t(stonith:fence_xvm):\t Stopped",
    ]);
  });

  it("collapses anonymous clone instances and lists the nodes without one as Stopped", () => {
    const instances = [
      primitive("p:0", { node10: "Started" }),
      primitive("p:1", { node2: "Started" }),
      primitive("p:2", { node1: "Started" }, { failed: true }),
      primitive("p:3"),
    ];
    const nodes = [node("node1"), node("node2"), node("node3"), node("node10")];
    const lines = renderClusterStatus(
      model(nodes, [clone("c", "p", instances, { cloneMax: 4 })]),
      "S",
    );
    expect(lines.slice(lines.indexOf("  * Full List of Resources:") + 1)).toEqual([
      "    * Clone Set: c [p]:",
      "      * p\t(ocf:pacemaker:Dummy):\t FAILED node1",
      "      * Started: [ node2 node10 ]",
      "      * Stopped: [ node3 ]",
    ]);
  });

  it("shows promotable clones with Promoted/Unpromoted and a disabled clone's Stopped list", () => {
    const promotable = clone(
      "ms",
      "st",
      [primitive("st:0", { b: "Promoted" }), primitive("st:1", { a: "Started" })],
      {
        promotable: true,
      },
    );
    const disabled = clone("cl", "q", [primitive("q:0"), primitive("q:1")], {
      meta: new Map([["target-role", "Stopped"]]),
    });
    const lines = renderClusterStatus(model([node("a"), node("b")], [promotable, disabled]), "S");
    expect(lines.slice(lines.indexOf("  * Full List of Resources:") + 1)).toEqual([
      "    * Clone Set: ms [st] (promotable):",
      "      * Promoted: [ b ]",
      "      * Unpromoted: [ a ]",
      "    * Clone Set: cl [q] (disabled):",
      "      * Stopped (disabled): [ a b ]",
    ]);
  });

  it("prints unique clone instances and group members one by one", () => {
    const unique = clone(
      "u",
      "child",
      [primitive("child:0", { a: "Started" }), primitive("child:1")],
      {
        globallyUnique: true,
      },
    );
    const group = {
      kind: "group" as const,
      id: "g",
      meta: new Map(),
      children: [primitive("m1", { a: "Started" }), primitive("m2")],
    };
    const lines = renderClusterStatus(model([node("a")], [group, unique]), "S");
    expect(lines.slice(lines.indexOf("  * Full List of Resources:") + 1)).toEqual([
      "    * Resource Group: g:",
      "      * m1\t(ocf:pacemaker:Dummy):\t Started a",
      "      * m2\t(ocf:pacemaker:Dummy):\t Stopped",
      "    * Clone Set: u [child] (unique):",
      "      * child:0\t(ocf:pacemaker:Dummy):\t Started a",
      "      * child:1\t(ocf:pacemaker:Dummy):\t Stopped",
    ]);
  });

  it("marks a failure whose operation has on-fail=ignore, unless the agent was not installed", () => {
    const operations = [{ name: "monitor", intervalMs: 10000, onFail: "ignore" }];
    const failure = { task: "monitor", intervalMs: 10000, rc: 7, expectedRc: 0, node: "a" };
    const ignored = primitive(
      "i",
      { a: "Started" },
      { operations, history: [{ ...failure, status: 0 }] },
    );
    const missing = primitive(
      "m",
      { a: "Started" },
      { operations, history: [{ ...failure, rc: 5, status: 7 }] },
    );
    const lines = renderClusterStatus(model([node("a")], [ignored, missing]), "S");
    expect(lines.slice(-2)).toEqual([
      "    * i\t(ocf:pacemaker:Dummy):\t Started a (failure ignored)",
      "    * m\t(ocf:pacemaker:Dummy):\t Started a",
    ]);
  });

  it("lists only active resources for crm_mon's default view, noting inactive group members", () => {
    const group = {
      kind: "group" as const,
      id: "g",
      meta: new Map(),
      children: [primitive("m1", { a: "Started" }), primitive("m2")],
    };
    const cl = clone("cl", "p", [primitive("p:0", { a: "Started" }), primitive("p:1")]);
    const sections = statusSections(model([node("a"), node("b")], [group, cl, primitive("idle")]), {
      showInactive: false,
    });
    expect(sections.flatMap((section) => renderTree(section))).toEqual([
      "Node List:",
      "  * Online: [ a b ]",
      "",
      "Active Resources:",
      "  * Resource Group: g (1 member inactive):",
      "    * m1\t(ocf:pacemaker:Dummy):\t Started a",
      "  * Clone Set: cl [p]:",
      "    * Started: [ a ]",
    ]);
  });

  it("says No resources and omits the node list when there is nothing", () => {
    expect(renderClusterStatus(model([], []), "Current cluster status")).toEqual([
      "Current cluster status:",
      "  * Full List of Resources:",
      "    * No resources",
    ]);
  });

  it("orders resources by priority, keeping configuration order among equals", () => {
    const high = primitive("z", {}, { meta: new Map([["priority", "10"]]) });
    const lines = renderClusterStatus(
      model([node("a")], [primitive("x"), high, primitive("y")]),
      "S",
    );
    expect(
      lines.filter((line) => line.includes("Dummy")).map((line) => line.trim().split("\t")[0]),
    ).toEqual(["* z", "* x", "* y"]);
  });
});

describe("compareNatural", () => {
  it("sorts digit runs by value and ignores case, as Pacemaker sorts node names", () => {
    expect(["node10", "Node2", "node1", "node02a", "alpha"].sort(compareNatural)).toEqual([
      "alpha",
      "node1",
      "Node2",
      "node02a",
      "node10",
    ]);
  });
});
