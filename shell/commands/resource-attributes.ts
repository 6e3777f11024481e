import type { ResourceAttributeKind } from "../../backend/admin/index.js";
import {
  deleteFailCount,
  deleteResourceAttribute,
  setFailCount,
  setResourceAttribute,
  showFailCount,
  showResourceAttribute,
} from "../../backend/admin/index.js";
import { ok } from "../../backend/base/index.js";
import { withSession } from "./configure-support.js";
import { applyTransientChange } from "./live-transient.js";
import { applyChange, showQuery, usage } from "./resource-support.js";
import type { Command, CommandContext, Outcome } from "./types.js";
import { done, failed } from "./types.js";

const kindHelp: Readonly<Record<ResourceAttributeKind, string>> = {
  param: "instance attribute (parameter)",
  meta: "meta attribute",
  utilization: "utilization attribute",
};

function runAttribute(
  kind: ResourceAttributeKind,
  args: readonly string[],
  context: CommandContext,
): Promise<Outcome> | Outcome {
  const [resource, action, name, value] = args;
  const text = `${kind} <rsc> set <name> <value> | delete <name> | show <name>`;
  if (resource === undefined || name === undefined) return usage(context, text);
  const request = { resource, kind, name };
  if (action === "set" && value !== undefined && args.length === 4) {
    return applyChange(context, (cib) => setResourceAttribute(cib, { ...request, value }), "line");
  }
  if (action === "delete" && args.length === 3) {
    return applyChange(context, (cib) => deleteResourceAttribute(cib, request), "line");
  }
  if ((action === "show" || action === "get") && args.length === 3) {
    return withSession(context, (session) => {
      const shown = showResourceAttribute(session.working, request);
      if (!shown.ok) {
        context.output.issues(shown.issues);
        return failed;
      }
      if (shown.value.value === undefined) context.output.warning(shown.value.message);
      else context.output.line(shown.value.value);
      return done;
    });
  }
  return usage(context, text);
}

function attributeCommand(kind: ResourceAttributeKind): Command {
  return {
    name: kind,
    aliases: [],
    usage: "<rsc> set <name> <value> | delete <name> | show <name>",
    help: `Set, delete or show a resource's ${kindHelp[kind]}, as crm_resource does`,
    example: kind === "param" ? "param vip set ip 192.168.1.20" : `${kind} vip show priority`,
    run: (input, context) => runAttribute(kind, input.args, context),
  };
}

export const paramCommand = attributeCommand("param");
export const metaCommand = attributeCommand("meta");
export const utilizationCommand = attributeCommand("utilization");

export const failcountCommand: Command = {
  name: "failcount",
  aliases: [],
  usage: "<rsc> set <node> <value> | delete <node> | show <node>",
  help:
    "Show, set or delete a resource's fail count on a node (the fail-count-* transient " +
    "attributes); set changes the counts already recorded, as crmsh 4.4",
  example: "failcount vip show node1",
  run: (input, context) => {
    const [resource, action, node, value] = input.args;
    const text = "failcount <rsc> set <node> <value> | delete <node> | show <node>";
    if (resource === undefined || node === undefined) return usage(context, text);
    if (action === "show" || action === "get") {
      return showQuery(context, (cib) => {
        const shown = showFailCount(cib, resource, node);
        return shown.ok ? ok([shown.value]) : shown;
      });
    }
    if (action === "delete") {
      return applyTransientChange(context, (cib) => deleteFailCount(cib, { resource, node }));
    }
    if (action === "set" && value !== undefined && /^(\d+|INFINITY)$/.test(value)) {
      return applyTransientChange(context, (cib) => setFailCount(cib, { resource, node, value }));
    }
    return usage(context, text);
  },
};
