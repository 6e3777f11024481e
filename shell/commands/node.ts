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
import { nodeAttributeCommands } from "./node-attributes.js";
import { fenceCommand } from "./node-fence.js";
import { nodesXml, showNodes } from "./node-show.js";
import { applyChange, showQuery, usage } from "./resource-support.js";
import type { Command, CommandContext, Level, Outcome } from "./types.js";

/** The node a command without one acts on: this host, as crmsh's utils.this_node(). */
function thisNode(context: CommandContext): string {
  return context.environment["HOSTNAME"] ?? hostname();
}

/** Applies one change per node named (or this node), in one commit. */
function forNodes(
  context: CommandContext,
  nodes: readonly string[],
  change: (cib: XmlElement, node: string) => Result<AdminChange>,
): Promise<Outcome> {
  const targets = nodes.length === 0 ? [thisNode(context)] : nodes;
  return applyChange(context, (cib) => {
    let current = cib;
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
    return forNodes(context, nodes, (cib, node) => standbyNode(cib, { node, lifetime }));
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
      run: (input, context) => forNodes(context, input.args, onlineNode),
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
