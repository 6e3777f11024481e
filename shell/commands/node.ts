import { hostname } from "node:os";
import type { Result } from "../../backend/base/index.js";
import {
  clearNodeState,
  deleteNode,
  nodeMaintenance,
  onlineNode,
  standbyNode,
} from "../../backend/admin/index.js";
import type { AdminChange } from "../../backend/admin/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import {
  ClientError,
  fetchQuorumStatus,
  resolveClusterTarget,
} from "../../backend/client/index.js";
import type { QuorumStatus } from "../../backend/protocol/index.js";
import { withMemberNodes } from "../../backend/session/index.js";
import { nodeAttributeCommands } from "./node-attributes.js";
import { fenceCommand } from "./node-fence.js";
import { nodesXml, showNodes } from "./node-show.js";
import { applyTransientChange } from "./live-transient.js";
import { applyChange, showQuery, usage } from "./resource-support.js";
import type { Command, CommandContext, Level, Outcome } from "./types.js";

/** The membership on a quorated cluster (undefined elsewhere, or when it cannot be read). */
async function liveQuorum(context: CommandContext): Promise<QuorumStatus | undefined> {
  const session = await context.cib();
  if (!("working" in session) || session.kind !== "live") return undefined;
  try {
    return await fetchQuorumStatus(resolveClusterTarget(context.environment));
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    return undefined;
  }
}

/**
 * Applies one change per node named, in one commit. Without a name it is this node: the node
 * the shell talks to on quorated, else this host (crmsh's utils.this_node()). On quorated the
 * members the nodes section does not list yet are added first, as they are when they join.
 */
async function forNodes(
  context: CommandContext,
  nodes: readonly string[],
  change: (cib: XmlElement, node: string) => Result<AdminChange>,
  apply: typeof applyChange = applyChange,
): Promise<Outcome> {
  const quorum = await liveQuorum(context);
  const here = quorum?.localName ?? context.environment["HOSTNAME"] ?? hostname();
  const targets = nodes.length === 0 ? [here] : nodes;
  return apply(context, (cib) => {
    let current = quorum === undefined ? cib : withMemberNodes(cib, quorum);
    const notes: string[] = [];
    for (const node of targets) {
      const changed = change(current, node);
      if (!changed.ok) return changed;
      current = changed.value.cib;
      notes.push(...changed.value.notes);
    }
    return { ok: true, value: { cib: current, notes }, issues: [] };
  });
}

const standbyCommand: Command = {
  name: "standby",
  aliases: [],
  usage: "[<node>...] [forever|reboot]",
  help: "Put nodes in standby (resources move away); reboot ends it when the node leaves the cluster",
  example: "standby node1 reboot",
  run: (input, context) => {
    const last = input.args[input.args.length - 1];
    const lifetime = last === "reboot" || last === "forever" ? last : "forever";
    const nodes = last === lifetime ? input.args.slice(0, -1) : input.args;
    // standby=on|off for reboot is a transient attribute: on quorated it goes through attrd.
    return forNodes(
      context,
      nodes,
      (cib, node) => standbyNode(cib, { node, lifetime }),
      applyTransientChange,
    );
  },
};

function singleNodeCommand(
  name: string,
  help: string,
  change: (cib: XmlElement, node: string) => Result<AdminChange>,
  required: boolean,
): Command {
  return {
    name,
    aliases: [],
    usage: required ? "<node>" : "[<node>]",
    help,
    example: `${name} node1`,
    run: (input, context) => {
      const [node] = input.args;
      if (input.args.length > 1 || (required && node === undefined)) {
        return usage(context, `${name} ${required ? "<node>" : "[<node>]"}`);
      }
      return forNodes(context, node === undefined ? [] : [node], change);
    },
  };
}

function showCommand(name: "show" | "status"): Command {
  return {
    name,
    aliases: name === "show" ? ["list"] : [],
    usage: "[<node>]",
    help:
      name === "show"
        ? "Show nodes with their type and attributes"
        : "Show the nodes section as XML",
    example: `${name} node1`,
    run: (input, context) =>
      showQuery(context, (cib) => (name === "show" ? showNodes : nodesXml)(cib, input.args[0])),
  };
}

export const nodeLevel: Level = {
  name: "node",
  aliases: [],
  help: "Node management: standby, online, maintenance, attributes, fencing",
  commands: [
    showCommand("show"),
    showCommand("status"),
    standbyCommand,
    {
      ...singleNodeCommand("online", "Take nodes out of standby (standby=off)", onlineNode, false),
      usage: "[<node>...]",
      run: (input, context) => forNodes(context, input.args, onlineNode, applyTransientChange),
    },
    singleNodeCommand(
      "maintenance",
      "Put a node in maintenance mode: its resources are left alone",
      (cib, node) => nodeMaintenance(cib, { node, on: true }),
      false,
    ),
    singleNodeCommand(
      "ready",
      "Take a node out of maintenance mode",
      (cib, node) => nodeMaintenance(cib, { node, on: false }),
      false,
    ),
    ...nodeAttributeCommands,
    singleNodeCommand(
      "delete",
      "Remove a node that is down from the configuration and status",
      deleteNode,
      true,
    ),
    singleNodeCommand(
      "clearstate",
      "Reset a node's status to cleanly down (after it was fenced or powered off by hand)",
      clearNodeState,
      true,
    ),
    fenceCommand,
  ],
};
