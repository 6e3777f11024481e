import type { NodeAttributeScope } from "../../backend/admin/index.js";
import {
  deleteNodeAttribute,
  setNodeAttribute,
  showNodeAttribute,
} from "../../backend/admin/index.js";
import { ok } from "../../backend/base/index.js";
import { applyTransientChange } from "./live-transient.js";
import { applyChange, showQuery, usage } from "./resource-support.js";
import type { Command } from "./types.js";

const scopeHelp: Readonly<Record<NodeAttributeScope, string>> = {
  nodes: "a node's permanent attribute (crm_attribute -t nodes)",
  utilization: "a node's utilization attribute (capacity for placement)",
  status: "a node's transient attribute (status section, gone when the node leaves)",
};

function nodeAttributeCommand(name: string, scope: NodeAttributeScope): Command {
  const text = `${name} <node> set <name> <value> | delete <name> | show <name>`;
  return {
    name,
    aliases: [],
    usage: "<node> set <name> <value> | delete <name> | show <name>",
    help: `Set, delete or show ${scopeHelp[scope]}`,
    example: `${name} node1 ${scope === "utilization" ? "set cpu 4" : "set rack r2"}`,
    run: (input, context) => {
      const [node, action, attribute, value] = input.args;
      if (node === undefined || attribute === undefined) return usage(context, text);
      const request = { node, scope, name: attribute };
      const apply = scope === "status" ? applyTransientChange : applyChange;
      if (action === "set" && value !== undefined && input.args.length === 4) {
        return apply(context, (cib) => setNodeAttribute(cib, { ...request, value }));
      }
      if (action === "delete" && input.args.length === 3) {
        return apply(context, (cib) => deleteNodeAttribute(cib, request), "line");
      }
      if ((action === "show" || action === "get") && input.args.length === 3) {
        return showQuery(context, (cib) => {
          const shown = showNodeAttribute(cib, request);
          return shown.ok ? ok([shown.value]) : shown;
        });
      }
      return usage(context, text);
    },
  };
}

export const nodeAttributeCommands: readonly Command[] = [
  nodeAttributeCommand("attribute", "nodes"),
  nodeAttributeCommand("utilization", "utilization"),
  nodeAttributeCommand("status-attr", "status"),
];
