import { cloneNode, element, type XmlElement } from "../../../backend/cib/index.js";
import { Prng } from "../../../daemons/kernel/index.js";

/** One small damage to a CIB, as a fuzzer of the schema would make it. */
export type Mutation =
  | "unknown_attribute"
  | "drop_attribute"
  | "bad_number"
  | "bad_boolean"
  | "bad_word"
  | "unknown_element"
  | "duplicate_element"
  | "drop_element"
  | "rename_element"
  | "move_element"
  | "add_text"
  | "swap_children"
  | "foreign_attribute";

export const mutations: readonly Mutation[] = [
  "unknown_attribute",
  "drop_attribute",
  "bad_number",
  "bad_boolean",
  "bad_word",
  "unknown_element",
  "duplicate_element",
  "drop_element",
  "rename_element",
  "move_element",
  "add_text",
  "swap_children",
  "foreign_attribute",
];

const elementNames = ["primitive", "group", "clone", "nvpair", "op", "rule", "expression", "node"];

/** Elements under configuration with their parents, in document order. */
function configurationElements(cib: XmlElement): { node: XmlElement; parent: XmlElement }[] {
  const found: { node: XmlElement; parent: XmlElement }[] = [];
  const visit = (parent: XmlElement): void => {
    for (const child of parent.children) {
      if (child.kind !== "element") continue;
      found.push({ node: child, parent });
      visit(child);
    }
  };
  const configuration = cib.children.find(
    (child): child is XmlElement => child.kind === "element" && child.name === "configuration",
  );
  if (configuration !== undefined) visit(configuration);
  return found;
}

function pick<T>(prng: Prng, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[prng.int(items.length)];
}

function mutateAttribute(prng: Prng, node: XmlElement, kind: Mutation): boolean {
  const names = Object.keys(node.attributes);
  const name = pick(prng, names);
  if (kind === "unknown_attribute") {
    node.attributes[`bogus-${prng.int(100)}`] = "1";
    return true;
  }
  if (name === undefined) return false;
  if (kind === "drop_attribute") delete node.attributes[name];
  else if (kind === "bad_number")
    node.attributes[name] = pick(prng, ["-5", "1.5", "12abc", ""]) ?? "";
  else if (kind === "bad_boolean") node.attributes[name] = pick(prng, ["yes", "no", "TRUE"]) ?? "";
  else node.attributes[name] = pick(prng, ["Boss", "9lives", "a b", "x,y", "INFINITE"]) ?? "";
  return true;
}

/** Applies one mutation of `kind` to a copy of `cib`; undefined when it found nothing to damage. */
export function mutate(cib: XmlElement, kind: Mutation, seed: number): XmlElement | undefined {
  const prng = new Prng(seed);
  const copy = cloneNode(cib);
  const elements = configurationElements(copy);
  const target = pick(prng, elements);
  if (target === undefined) return undefined;
  const { node, parent } = target;
  switch (kind) {
    case "unknown_attribute":
    case "drop_attribute":
    case "bad_number":
    case "bad_boolean":
    case "bad_word":
      return mutateAttribute(prng, node, kind) ? copy : undefined;
    case "unknown_element":
      node.children.push(element(`bogus${prng.int(10)}`));
      return copy;
    case "duplicate_element":
      parent.children.push(cloneNode(node));
      return copy;
    case "drop_element":
      parent.children = parent.children.filter((child) => child !== node);
      return copy;
    case "rename_element":
      node.name =
        pick(
          prng,
          elementNames.filter((name) => name !== node.name),
        ) ?? node.name;
      return copy;
    case "move_element": {
      const inside = new Set(
        configurationElements({
          ...node,
          name: "x",
          children: [element("configuration", {}, [node])],
        }).map((entry) => entry.node),
      );
      const destination = pick(
        prng,
        elements.filter((entry) => !inside.has(entry.node)),
      )?.node;
      if (destination === undefined || destination === parent) return undefined;
      parent.children = parent.children.filter((child) => child !== node);
      destination.children.push(node);
      return copy;
    }
    case "add_text":
      node.children.push({ kind: "text", text: "stray text" });
      return copy;
    case "swap_children": {
      const children = node.children.filter((child) => child.kind === "element");
      const [first, second] = [pick(prng, children), pick(prng, children)];
      if (first === undefined || second === undefined || first === second) return undefined;
      const [a, b] = [node.children.indexOf(first), node.children.indexOf(second)];
      node.children[a] = second;
      node.children[b] = first;
      return copy;
    }
    case "foreign_attribute": {
      const donor = pick(prng, elements)?.node;
      const name = donor === undefined ? undefined : pick(prng, Object.keys(donor.attributes));
      if (donor === undefined || name === undefined || name in node.attributes) return undefined;
      node.attributes[name] = donor.attributes[name] ?? "";
      return copy;
    }
  }
}
