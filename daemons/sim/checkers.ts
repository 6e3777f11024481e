import { ringIdEquals, ringIdText, sameNodeIds, type NodeId } from "../kernel/index.js";
import type { SimCluster } from "./cluster.js";
import type { SimEvent } from "./events.js";
import { quorumGroup } from "./sim-node.js";

/** An invariant watched on every event and after every tick; a string is a violation. */
export interface Checker {
  readonly name: string;
  observe?(event: SimEvent): string | undefined;
  afterTick?(cluster: SimCluster): string | undefined;
}

/** Every node that installs a ring id installs it with the same members, lowest nodeid first. */
export function viewAgreement(): Checker {
  const views = new Map<string, readonly NodeId[]>();
  return {
    name: "view agreement",
    observe(event) {
      if (event.kind !== "view_installed") return undefined;
      const key = ringIdText(event.ringId);
      if (!event.members.includes(event.nodeId))
        return `node ${event.nodeId} installed ${key} without itself`;
      if (event.ringId.representative !== event.members[0])
        return `ring ${key} is not led by its lowest member`;
      const known = views.get(key);
      if (known === undefined) views.set(key, event.members);
      else if (!sameNodeIds(known, event.members)) {
        return `ring ${key}: node ${event.nodeId} installed {${event.members.join(",")}}, others {${known.join(",")}}`;
      }
      return undefined;
    },
  };
}

/** A node's ring sequences only grow, across restarts too (the persisted ring id). */
export function ringSeqGrows(): Checker {
  const last = new Map<NodeId, number>();
  return {
    name: "ring sequence grows",
    observe(event) {
      if (event.kind !== "view_installed") return undefined;
      const previous = last.get(event.nodeId) ?? 0;
      last.set(event.nodeId, event.ringId.seq);
      if (event.ringId.seq > previous) return undefined;
      return `node ${event.nodeId} installed seq ${event.ringId.seq} after ${previous}`;
    },
  };
}

/** Within a ring, every node delivers in the same order: one message per seq, seqs rising. */
export function totalOrder(): Checker {
  const bySeq = new Map<string, string>();
  const last = new Map<NodeId, { ring: string; seq: number }>();
  return {
    name: "total order",
    observe(event) {
      if (event.kind === "crashed") last.delete(event.nodeId);
      if (event.kind !== "delivered") return undefined;
      const ring = ringIdText(event.ringId);
      const content = `${event.sender}|${event.group}|${event.payload}`;
      const key = `${ring}#${event.seq}`;
      const known = bySeq.get(key);
      if (known === undefined) bySeq.set(key, content);
      else if (known !== content)
        return `ring ${ring} seq ${event.seq}: "${content}" vs "${known}"`;
      const previous = last.get(event.nodeId);
      last.set(event.nodeId, { ring, seq: event.seq });
      if (previous !== undefined && previous.ring === ring && previous.seq >= event.seq) {
        return `node ${event.nodeId} delivered seq ${event.seq} after ${previous.seq} in ${ring}`;
      }
      return undefined;
    },
  };
}

/** Nodes that pass together from one view to the next delivered the same messages in the old. */
export function virtualSynchrony(): Checker {
  const transitions = new Map<string, { nodeId: NodeId; through: number }>();
  return {
    name: "virtual synchrony",
    observe(event) {
      if (event.kind !== "view_installed" || event.previous === undefined) return undefined;
      const key = `${ringIdText(event.previous.ringId)} -> ${ringIdText(event.ringId)}`;
      const through = event.previous.deliveredThrough;
      const known = transitions.get(key);
      if (known === undefined) transitions.set(key, { nodeId: event.nodeId, through });
      else if (known.through !== through) {
        return `${key}: node ${event.nodeId} delivered through ${through}, node ${known.nodeId} through ${known.through}`;
      }
      return undefined;
    },
  };
}

/** A message is delivered only in the receiver's installed view, from one of its members. */
export function deliveryInView(): Checker {
  const current = new Map<NodeId, { ringId: SimEvent & { kind: "view_installed" } }>();
  return {
    name: "delivery in view",
    observe(event) {
      if (event.kind === "crashed") current.delete(event.nodeId);
      if (event.kind === "view_installed") current.set(event.nodeId, { ringId: event });
      if (event.kind !== "delivered") return undefined;
      const view = current.get(event.nodeId)?.ringId;
      if (view === undefined || !ringIdEquals(view.ringId, event.ringId)) {
        return `node ${event.nodeId} delivered in ${ringIdText(event.ringId)} outside its view`;
      }
      if (!view.members.includes(event.sender)) {
        return `node ${event.nodeId} delivered from non-member ${event.sender} in ${ringIdText(event.ringId)}`;
      }
      return undefined;
    },
  };
}

/**
 * Never two quorate partitions at once: among established views (every member up and in it),
 * at most one is quorate. Off for two_node and last_man_standing, which allow it by design.
 */
export function singleQuoratePartition(): Checker {
  return {
    name: "single quorate partition",
    afterTick(cluster) {
      const quorate = new Set<string>();
      for (const node of cluster.nodes.values()) {
        if (!node.up || !node.quorate || node.view === undefined) continue;
        const view = node.view;
        const established = view.members.every((nodeId) => {
          const member = cluster.nodes.get(nodeId);
          return member?.up === true && ringIdEquals(member.view?.ringId, view.ringId);
        });
        if (established) quorate.add(ringIdText(view.ringId));
      }
      if (quorate.size <= 1) return undefined;
      return `two quorate partitions at once: ${[...quorate].join(" and ")}`;
    },
  };
}

export function ownBroadcasts(): Checker & { outstanding(): Map<NodeId, Set<string>> } {
  const waiting = new Map<NodeId, Set<string>>();
  return {
    name: "own broadcasts",
    observe(event) {
      if (event.kind === "crashed") waiting.delete(event.nodeId);
      if (event.kind === "broadcast_requested") {
        waiting.set(event.nodeId, (waiting.get(event.nodeId) ?? new Set()).add(event.payload));
      }
      if (event.kind !== "delivered" || event.sender !== event.nodeId) return undefined;
      if (event.group === quorumGroup) return undefined;
      if (waiting.get(event.nodeId)?.delete(event.payload) === true) return undefined;
      return `node ${event.nodeId} delivered its own "${event.payload}" twice or unrequested`;
    },
    outstanding: () => waiting,
  };
}

export function safetyCheckers(options: { readonly quorumPartitions: boolean }): Checker[] {
  const checkers = [
    viewAgreement(),
    ringSeqGrows(),
    totalOrder(),
    virtualSynchrony(),
    deliveryInView(),
  ];
  if (options.quorumPartitions) checkers.push(singleQuoratePartition());
  return checkers;
}

/** Liveness: every live node is operational in one ring whose members are exactly the live nodes. */
export function converged(cluster: SimCluster): boolean {
  const live = cluster.liveNodeIds;
  let ring: string | undefined;
  for (const nodeId of live) {
    const status = cluster.node(nodeId).membership.status();
    if (status.phase !== "operational" || status.ringId === undefined) return false;
    if (!sameNodeIds(status.members, live)) return false;
    const text = ringIdText(status.ringId);
    if (ring !== undefined && ring !== text) return false;
    ring = text;
  }
  return true;
}
