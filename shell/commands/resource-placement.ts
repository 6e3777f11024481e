import { banResource, clearResource, isDuration, moveResource } from "../../backend/admin/index.js";
import { applyChange, nodeNames, usage, wallClockSeconds } from "./resource-support.js";
import type { Command, CommandContext, Outcome } from "./types.js";

interface Placement {
  readonly resource: string;
  readonly node?: string;
  readonly lifetime?: string;
  readonly force: boolean;
}

/** crmsh's move/ban arguments: `RSC [NODE] [LIFETIME] [force]`; one word is a node if known. */
async function placementOf(
  context: CommandContext,
  action: "move" | "ban",
  args: readonly string[],
): Promise<Placement | string> {
  const text = `${action} <rsc> [<node>] [<lifetime>] [force]`;
  const [resource, ...rest] = args;
  const force = rest.includes("force") || context.options.force;
  const words = rest.filter((word) => word !== "force");
  if (resource === undefined || words.length > 2) return text;
  const nodes = await nodeNames(context);
  if (words.length === 2) {
    const [node = "", lifetime = ""] = words;
    if (!nodes.includes(node)) return `Not our node: ${node}`;
    return { resource, node, lifetime, force };
  }
  const [word] = words;
  if (word === undefined) return { resource, force };
  if (nodes.includes(word) || !isDuration(word)) return { resource, node: word, force };
  return { resource, lifetime: word, force };
}

async function runPlacement(
  context: CommandContext,
  action: "move" | "ban",
  args: readonly string[],
): Promise<Outcome> {
  const placement = await placementOf(context, action, args);
  if (typeof placement === "string") {
    if (placement.startsWith("Not our node")) {
      context.output.error(placement);
      return { kind: "failed" };
    }
    return usage(context, placement);
  }
  if (action === "move" && placement.node === undefined && !placement.force) {
    context.output.error("No target node: Move requires either a target node or 'force'");
    return { kind: "failed" };
  }
  const request = {
    resource: placement.resource,
    now: wallClockSeconds(),
    ...(placement.node === undefined ? {} : { node: placement.node }),
    ...(placement.lifetime === undefined ? {} : { lifetime: placement.lifetime }),
  };
  const transform = action === "move" ? moveResource : banResource;
  return applyChange(context, (cib) => transform(cib, request));
}

export const moveCommand: Command = {
  name: "move",
  aliases: ["migrate"],
  usage: "<rsc> [<node>] [<lifetime>] [force]",
  help:
    "Move a resource to a node: a cli-prefer-<rsc> location constraint with score INFINITY " +
    "(with a lifetime, an ISO 8601 duration, it expires); without a node, force bans it from " +
    "where it runs. Remove the constraint with clear.",
  example: "move vip node2 PT1H",
  run: (input, context) => runPlacement(context, "move", input.args),
};

export const banCommand: Command = {
  name: "ban",
  aliases: [],
  usage: "<rsc> [<node>] [<lifetime>] [force]",
  help:
    "Keep a resource off a node: a cli-ban-<rsc>-on-<node> location constraint with score " +
    "-INFINITY (without a node, the node it runs on). Remove it with clear.",
  example: "ban vip node1",
  run: (input, context) => runPlacement(context, "ban", input.args),
};

export const clearCommand: Command = {
  name: "clear",
  aliases: ["unmove", "unmigrate", "unban"],
  usage: "<rsc>",
  help: "Remove the constraints move and ban created for a resource (cli-prefer-*, cli-ban-*)",
  example: "clear vip",
  run: (input, context) => {
    const [resource] = input.args;
    if (resource === undefined || input.args.length > 1) return usage(context, "clear <rsc>");
    return applyChange(context, (cib) => clearResource(cib, resource));
  },
};
