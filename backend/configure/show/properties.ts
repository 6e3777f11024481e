import type { XmlElement } from "../../cib/index.js";
import { childElements } from "../../cib/index.js";
import { nvpairText } from "./attribute-sets.js";
import type { ShowContext } from "./context.js";
import { cliFormat, needsNoQuotes } from "./format.js";
import type { ObjectPrinter } from "./object-text.js";
import { ruleText } from "./rules.js";

/** property, rsc_defaults, op_defaults: `KIND SETID:` then one rule or nvpair per line. */
export function propertyPrinter(kind: "property" | "rsc_defaults" | "op_defaults"): ObjectPrinter {
  return {
    head(set) {
      const id = String(set.attributes["id"]);
      return `${kind} ${needsNoQuotes(id) ? `${id}:` : `$id="${id}"`}`;
    },
    child(child, context) {
      if (child.name === "rule") return `rule ${ruleText(child, context)}`;
      if (child.name === "nvpair") return nvpairText(child, context);
      return undefined;
    },
  };
}

type Target =
  | { kind: "node"; node: string }
  | { kind: "attribute"; name: string; value: string }
  | { kind: "pattern"; pattern: string };

function targetOf(level: XmlElement): Target {
  const { attributes } = level;
  if ("target-pattern" in attributes) {
    return { kind: "pattern", pattern: String(attributes["target-pattern"]) };
  }
  if ("target-attribute" in attributes) {
    const name = String(attributes["target-attribute"]);
    return { kind: "attribute", name, value: String(attributes["target-value"]) };
  }
  return { kind: "node", node: String(attributes["target"]) };
}

function targetKey(target: Target): string {
  switch (target.kind) {
    case "node":
      return `n\u0000${target.node}`;
    case "attribute":
      return `a\u0000${target.name}\u0000${target.value}`;
    case "pattern":
      return `p\u0000${target.pattern}`;
  }
}

function targetText(target: Target): string {
  switch (target.kind) {
    case "node":
      return `${target.node}:`;
    case "attribute":
      return `attr:${target.name}=${target.value}`;
    case "pattern":
      return `pattern:${target.pattern}`;
  }
}

/** Levels per target (first appearance order), each target's devices by ascending index. */
function levelsByTarget(topology: XmlElement): Map<string, { target: Target; devices: string }> {
  const byTarget = new Map<string, { target: Target; levels: Map<number, string> }>();
  for (const level of childElements(topology, "fencing-level")) {
    const target = targetOf(level);
    const key = targetKey(target);
    let entry = byTarget.get(key);
    if (entry === undefined) {
      entry = { target, levels: new Map() };
      byTarget.set(key, entry);
    }
    entry.levels.set(
      parseInt(level.attributes["index"] ?? "", 10),
      String(level.attributes["devices"]),
    );
  }
  const result = new Map<string, { target: Target; devices: string }>();
  for (const [key, { target, levels }] of byTarget) {
    const indexes = [...levels.keys()].sort((a, b) => a - b);
    result.set(key, { target, devices: indexes.map((index) => levels.get(index)).join(" ") });
  }
  return result;
}

/** `fencing_topology` one target per line, or collapsed when every node has the same levels. */
export const fencingTopologyPrinter: ObjectPrinter = {
  head(topology, context: ShowContext) {
    const levels = [...levelsByTarget(topology).values()];
    const distinct = new Set(levels.map((entry) => entry.devices));
    const last = levels.at(-1);
    if (distinct.size === 1 && levels.length === context.nodeCount && last !== undefined) {
      return `fencing_topology ${last.devices}`;
    }
    return cliFormat([
      "fencing_topology",
      ...levels.map((entry) => `${targetText(entry.target)} ${entry.devices}`),
    ]);
  },
  child: () => undefined,
};
