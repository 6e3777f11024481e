import type { XmlElement } from "../../cib/index.js";
import { childElements } from "../../cib/index.js";
import type { ShowContext } from "./context.js";
import { isReferenced } from "./context.js";
import { nvpairFormat } from "./format.js";
import { ruleText } from "./rules.js";

/** CLI keyword of each attribute-set tag, per kind of owner. */
export type SetNames = Readonly<Record<string, string>>;

export const resourceSetNames: SetNames = {
  instance_attributes: "params",
  meta_attributes: "meta",
  utilization: "utilization",
};
export const containerSetNames: SetNames = {
  instance_attributes: "params",
  meta_attributes: "meta",
};
export const nodeSetNames: SetNames = {
  instance_attributes: "attributes",
  utilization: "utilization",
};
export const operationSetNames: SetNames = {
  instance_attributes: "op_params",
  meta_attributes: "op_meta",
};
export const alertSetNames: SetNames = {
  instance_attributes: "attributes",
  meta_attributes: "meta",
};
export const bundleSetNames: SetNames = {
  instance_attributes: "params",
  meta_attributes: "meta",
  docker: "docker",
  network: "network",
  storage: "storage",
  primitive: "primitive",
  meta: "meta",
};

/** One nvpair: `name=value`, `name`, `@ref[:name]`; obscured values print as `******`. */
export function nvpairText(nvpair: XmlElement, context: ShowContext): string {
  const { name, value } = nvpair.attributes;
  const reference = nvpair.attributes["id-ref"];
  if (reference !== undefined)
    return name === undefined ? `@${reference}` : `@${reference}:${name}`;
  const shown =
    name !== undefined && value !== undefined && context.isObscured(name) ? "******" : value;
  return nvpairFormat(String(name), shown);
}

function bundleParts(set: XmlElement): string[] {
  const parts: string[] = [];
  if (set.name === "docker" || set.name === "network") {
    for (const [name, value] of Object.entries(set.attributes))
      parts.push(nvpairFormat(name, value));
  }
  if (set.name === "primitive") parts.push(String(set.attributes["id"]));
  for (const mapping of ["port-mapping", "storage-mapping"]) {
    for (const child of childElements(set, mapping)) {
      parts.push(mapping);
      for (const [name, value] of Object.entries(child.attributes)) {
        parts.push(nvpairFormat(name, value));
      }
    }
  }
  return parts;
}

/**
 * An attribute set as one line: `KEYWORD [$id=…|$id-ref=…] [SCORE:] {rule …} {nvpair}`
 * (and the bundle parts, which crmsh prints through the same routine).
 */
export function attributeSetText(set: XmlElement, names: SetNames, context: ShowContext): string {
  const parts = [String(names[set.name])];
  const id = set.attributes["id"];
  const reference = set.attributes["id-ref"];
  if (id !== undefined && isReferenced(context, set.name, id)) parts.push(nvpairFormat("$id", id));
  else if (reference !== undefined) parts.push(nvpairFormat("$id-ref", reference));
  parts.push(...bundleParts(set));
  const score = set.attributes["score"];
  if (score !== undefined && score !== "") parts.push(`${score}:`);
  for (const rule of childElements(set, "rule")) parts.push(`rule ${ruleText(rule, context)}`);
  for (const nvpair of childElements(set, "nvpair")) parts.push(nvpairText(nvpair, context));
  return parts.join(" ");
}
