import type { XmlElement, XmlNode } from "../../cib/index.js";

/**
 * The configuration as crmsh holds it after reading a CIB (its sanitize step), on a copy:
 * text dropped; attributes equal to their defaults removed (node type=normal, resource_set
 * sequential/require-all=true, rule boolean-op=and, expression type=string); member
 * resources of group/clone/ms/bundle moved after the other children, keeping their order.
 */
const defaults: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  node: [["type", "normal"]],
  resource_set: [
    ["sequential", "true"],
    ["require-all", "true"],
  ],
  rule: [["boolean-op", "and"]],
  expression: [["type", "string"]],
};
const containers = new Set(["group", "clone", "master", "bundle"]);

export function sanitizeConfiguration(node: XmlElement): XmlElement {
  const attributes = { ...node.attributes };
  for (const [name, value] of defaults[node.name] ?? []) {
    if (attributes[name] === value) delete attributes[name];
  }
  const children: XmlNode[] = [];
  const members: XmlNode[] = [];
  for (const child of node.children) {
    if (child.kind === "text") continue;
    if (child.kind === "comment") children.push({ kind: "comment", text: child.text });
    else if (containers.has(node.name) && (child.name === "primitive" || child.name === "group")) {
      members.push(sanitizeConfiguration(child));
    } else children.push(sanitizeConfiguration(child));
  }
  return { kind: "element", name: node.name, attributes, children: children.concat(members) };
}
