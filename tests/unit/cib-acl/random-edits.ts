import {
  cloneNode,
  descendants,
  element,
  firstChild,
  type XmlElement,
} from "../../../backend/cib/index.js";
import { Prng } from "../../../daemons/kernel/index.js";

/** One edit a user might make to the configuration, for the ACL write differential. */
export type Edit = "set_value" | "drop_element" | "add_nvpair" | "add_description";
export const edits: readonly Edit[] = [
  "set_value",
  "drop_element",
  "add_nvpair",
  "add_description",
];

function configurationElements(cib: XmlElement): { node: XmlElement; parent: XmlElement }[] {
  const found: { node: XmlElement; parent: XmlElement }[] = [];
  const configuration = firstChild(cib, "configuration");
  if (configuration === undefined) return found;
  for (const parent of descendants(configuration)) {
    if (parent.name === "acls") continue;
    for (const child of parent.children) {
      if (child.kind === "element" && child.name !== "acls") found.push({ node: child, parent });
    }
  }
  return found.filter((entry) => !isUnderAcls(cib, entry.node));
}

function isUnderAcls(cib: XmlElement, node: XmlElement): boolean {
  const acls = firstChild(firstChild(cib, "configuration") ?? cib, "acls");
  return acls !== undefined && [...descendants(acls)].includes(node);
}

function pick<T>(prng: Prng, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[prng.int(items.length)];
}

/** A copy of `cib` with one edit of `kind`; undefined when the CIB offers nothing to edit. */
export function randomEdit(cib: XmlElement, kind: Edit, seed: number): XmlElement | undefined {
  const prng = new Prng(seed);
  const copy = cloneNode(cib);
  const elements = configurationElements(copy);
  switch (kind) {
    case "set_value": {
      const target = pick(
        prng,
        elements.filter(({ node }) => node.name === "nvpair"),
      )?.node;
      if (target === undefined) return undefined;
      target.attributes["value"] = `changed-${seed}`;
      return copy;
    }
    case "drop_element": {
      const target = pick(
        prng,
        elements.filter(({ node }) => ["nvpair", "rsc_location", "op"].includes(node.name)),
      );
      if (target === undefined) return undefined;
      target.parent.children = target.parent.children.filter((child) => child !== target.node);
      return copy;
    }
    case "add_nvpair": {
      const sets = ["meta_attributes", "instance_attributes", "cluster_property_set"];
      const target = pick(
        prng,
        elements.filter(({ node }) => sets.includes(node.name) && !("id-ref" in node.attributes)),
      )?.node;
      if (target === undefined) return undefined;
      target.children.push(
        element("nvpair", { id: `added-${seed}`, name: `added-${seed}`, value: "1" }),
      );
      return copy;
    }
    case "add_description": {
      const target = pick(
        prng,
        elements.filter(({ node }) => node.name === "primitive"),
      )?.node;
      if (target === undefined) return undefined;
      target.attributes["description"] = `edited ${seed}`;
      return copy;
    }
  }
}
