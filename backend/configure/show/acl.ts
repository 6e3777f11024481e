import type { XmlElement } from "../../cib/index.js";
import { nvpairFormat, quoteWrap } from "./format.js";
import type { ObjectPrinter } from "./object-text.js";

const name = "([a-zA-Z_][a-zA-Z0-9_.-]*)";

/** XPath shapes crmsh writes for its ACL shortcuts, tried in this order, prefix by prefix. */
const shortcuts: readonly (readonly [string, readonly string[]])[] = [
  ["meta", [`//primitive\\[@id='${name}'\\]/meta_attributes`, `/nvpair\\[@name='${name}'\\]`]],
  [
    "params",
    [`//primitive\\[@id='${name}'\\]/instance_attributes`, `/nvpair\\[@name='${name}'\\]`],
  ],
  ["utilization", [`//primitive\\[@id='${name}'\\]/utilization`]],
  ["location", [`//rsc_location\\[@id='cli-prefer-${name}' and @rsc='${name}'\\]`]],
  ["property", ["//crm_config/cluster_property_set", `/nvpair\\[@name='${name}'\\]`]],
  ["nodeattr", ["//nodes/node/instance_attributes", `/nvpair\\[@name='${name}'\\]`]],
  ["nodeutil", ["//nodes/node/utilization", `\\[@uname='${name}'\\]`]],
  ["node", ["//nodes/node", `\\[@uname='${name}'\\]`]],
  ["status", ["/cib/status"]],
  ["cib", ["/cib"]],
];

const compiled = shortcuts.map(([shortcut, pieces]) => ({
  shortcut,
  prefixes: pieces.map((_, index) => ({
    expression: new RegExp(`^${pieces.slice(0, index + 1).join("")}\\n?$`),
    groups: index + 1,
  })),
}));

/** `shortcut[:arg[:arg]]` when the XPath is one crmsh's shortcuts produce. */
function shortcutText(xpath: string): string | undefined {
  for (const { shortcut, prefixes } of compiled) {
    for (const { expression, groups } of prefixes) {
      const match = expression.exec(xpath);
      if (match === null) continue;
      const values = match.slice(1, groups + 1).filter((value) => value !== undefined);
      return values.length > 0 ? `${shortcut}:${values.join(":")}` : shortcut;
    }
  }
  return undefined;
}

function specText(key: string, value: string): string {
  if (key === "xpath") return shortcutText(value) ?? `xpath:${quoteWrap(value)}`;
  return value ? `${key}:${value}` : key;
}

const permissionSpecs: readonly (readonly [string, string])[] = [
  ["xpath", "xpath"],
  ["reference", "ref"],
  ["attribute", "attr"],
  ["object-type", "type"],
];
const legacySpecs = ["xpath", "ref", "tag", "attribute"];

function permissionText(permission: XmlElement): string {
  const parts = [String(permission.attributes["kind"])];
  const description = permission.attributes["description"];
  if (description) parts.push(nvpairFormat("description", description));
  for (const [attribute, key] of permissionSpecs) {
    const value = permission.attributes[attribute];
    if (value !== undefined) parts.push(specText(key, value));
  }
  return parts.join(" ");
}

function legacyRuleText(rule: XmlElement): string {
  const parts = [rule.name];
  for (const key of legacySpecs) {
    const value = rule.attributes[key];
    if (value) parts.push(specText(key, value));
  }
  return parts.join(" ");
}

/** role, acl_target, acl_group and (legacy) user: the head, then one right or role per line. */
export function aclPrinter(kind: "role" | "acl_target" | "acl_group" | "user"): ObjectPrinter {
  return {
    head: (acl) => `${kind} ${String(acl.attributes["id"])}`,
    child(child) {
      switch (child.name) {
        case "read":
        case "write":
        case "deny":
          return legacyRuleText(child);
        case "role_ref":
          return `role:${String(child.attributes["id"])}`;
        case "role":
          return String(child.attributes["id"]);
        case "acl_permission":
          return permissionText(child);
        default:
          return undefined;
      }
    },
  };
}
