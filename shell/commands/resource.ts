import {
  cleanupResource,
  setDeepMeta,
  setPromotedRole,
  setTargetRole,
} from "../../backend/admin/index.js";
import { banCommand, clearCommand, moveCommand } from "./resource-placement.js";
import {
  failcountCommand,
  metaCommand,
  paramCommand,
  utilizationCommand,
} from "./resource-attributes.js";
import { applyHistoryChange } from "./live-cleanup.js";
import { restartCommand } from "./resource-restart.js";
import { locateCommand, resourceStatusCommand } from "./resource-status.js";
import { preferencesOf } from "./preferences.js";
import { applyChange, usage } from "./resource-support.js";
import type { Command, CommandContext, Level, Outcome } from "./types.js";

/** crmsh's manage-children: always, never, or ask (members' settings yield when -F says yes). */
function deepOptions(context: CommandContext): { readonly overrideChildren: boolean } {
  return { overrideChildren: preferencesOf(context).overrideChildren(context.options.force) };
}

function targetRoleCommand(name: "start" | "stop"): Command {
  const role = name === "start" ? "Started" : "Stopped";
  return {
    name,
    aliases: [],
    usage: "<rsc>...",
    help: `${name === "start" ? "Start" : "Stop"} resources: sets their target-role meta attribute to ${role}`,
    example: `${name} vip web`,
    run: (input, context) => {
      if (input.args.length === 0) return usage(context, `${name} <rsc> [<rsc> ...]`);
      return applyChange(context, (cib) =>
        setTargetRole(cib, input.args, role, deepOptions(context)),
      );
    },
  };
}

function roleCommand(name: "promote" | "demote"): Command {
  const role = name === "promote" ? "Promoted" : "Unpromoted";
  return {
    name,
    aliases: [],
    usage: "<rsc>",
    help: `${name === "promote" ? "Promote" : "Demote"} a promotable clone: target-role ${role}`,
    example: `${name} ms-db`,
    run: (input, context) => {
      const [resource] = input.args;
      if (resource === undefined || input.args.length > 1) return usage(context, `${name} <rsc>`);
      return applyChange(context, (cib) => setPromotedRole(cib, resource, role));
    },
  };
}

function metaFlagCommand(name: "manage" | "unmanage" | "maintenance", help: string): Command {
  return {
    name,
    aliases: [],
    usage: name === "maintenance" ? "<rsc> [on|off|true|false]" : "<rsc>",
    help,
    example: name === "maintenance" ? "maintenance vip on" : `${name} vip`,
    run: (input, context): Promise<Outcome> | Outcome => {
      const [resource, flag = "on"] = input.args;
      if (resource === undefined || input.args.length > (name === "maintenance" ? 2 : 1)) {
        return usage(context, `${name} <rsc>${name === "maintenance" ? " [on|off]" : ""}`);
      }
      if (name === "maintenance" && !["on", "off", "true", "false"].includes(flag)) {
        return usage(context, "maintenance <rsc> [on|off|true|false]");
      }
      const attribute = name === "maintenance" ? "maintenance" : "is-managed";
      const value =
        name === "maintenance"
          ? String(flag === "on" || flag === "true")
          : String(name === "manage");
      return applyChange(context, (cib) =>
        setDeepMeta(cib, { resource, name: attribute, value }, deepOptions(context)),
      );
    },
  };
}

function historyCommand(mode: "cleanup" | "refresh"): Command {
  return {
    name: mode,
    aliases: mode === "refresh" ? ["reprobe"] : [],
    usage: "[<rsc>] [<node>] [force]",
    help:
      mode === "cleanup"
        ? "Forget a resource's failures: its failed operation history and fail counts (all resources without one)"
        : "Forget a resource's whole operation history so the cluster probes it again",
    example: `${mode} vip node1`,
    run: (input, context) => {
      const [resource, node] = input.args.filter((word) => word !== "force");
      const request = {
        mode,
        ...(resource === undefined ? {} : { resource }),
        ...(node === undefined ? {} : { node }),
      };
      return applyHistoryChange(context, (cib) => cleanupResource(cib, request), request, "line");
    },
  };
}

export const resourceLevel: Level = {
  name: "resource",
  aliases: [],
  help: "Resource management: start, stop, move, ban, cleanup, attributes",
  commands: [
    resourceStatusCommand,
    targetRoleCommand("start"),
    targetRoleCommand("stop"),
    restartCommand,
    roleCommand("promote"),
    roleCommand("demote"),
    metaFlagCommand("manage", "Let the cluster manage a resource again (is-managed=true)"),
    metaFlagCommand("unmanage", "Stop the cluster from managing a resource (is-managed=false)"),
    metaFlagCommand(
      "maintenance",
      "Put a resource in maintenance mode (meta maintenance), or take it out",
    ),
    moveCommand,
    banCommand,
    clearCommand,
    historyCommand("cleanup"),
    historyCommand("refresh"),
    locateCommand,
    failcountCommand,
    paramCommand,
    metaCommand,
    utilizationCommand,
  ],
};
