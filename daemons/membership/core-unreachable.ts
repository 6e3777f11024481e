import type { NodeId } from "../kernel/index.js";
import { enterGather } from "./core-gather.js";
import type { Context } from "./core-state.js";

/**
 * The transport proved `nodeId`'s process gone (every link down, every reconnect refused).
 * Corosync would wait for the token; here the node fails at once, wherever this node is:
 * - OPERATIONAL with it in the ring: GATHER with it failed, as the token timeout would;
 * - GATHER: it is failed in the proposal, so consensus does not wait for its join;
 * - COMMIT: the coordinator drops a member that has not answered (it never will), and a member
 *   whose new ring holds the node goes back to GATHER too (with its own signal it would
 *   otherwise wait out the commit while the coordinator gathers). An install it answered is
 *   still taken from GATHER; the ring then fails the node at once.
 * The mark stays until the node is heard again, so a later GATHER leaves it out too.
 */
export function onPeerUnreachable(context: Context, nodeId: NodeId): void {
  const { state, config } = context;
  if (nodeId === config.nodeId || !config.nodeIds.includes(nodeId)) return;
  state.unreachable.add(nodeId);
  switch (state.phase) {
    case "operational":
      if (state.ring?.members.includes(nodeId) === true) enterGather(context, [nodeId]);
      return;
    case "gather":
      enterGather(context, [nodeId]);
      return;
    case "commit":
      if (commitWaitsFor(context, nodeId)) enterGather(context, [nodeId]);
      return;
    case "left":
      return;
  }
}

/** The commit in progress cannot finish without `nodeId`. */
function commitWaitsFor(context: Context, nodeId: NodeId): boolean {
  const commit = context.state.commit;
  if (commit === undefined) return false;
  if (commit.coordinator === context.config.nodeId) {
    return commit.members.includes(nodeId) && !commit.acks.has(nodeId);
  }
  return commit.members.includes(nodeId);
}
