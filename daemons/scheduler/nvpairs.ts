/**
 * Name/value sets (`meta_attributes`, `instance_attributes`, `utilization`,
 * `cluster_property_set`): `id-ref` resolution, rules, and set precedence (higher `score`
 * first; the first value found for a name wins).
 */
import { childElements, type XmlElement } from "../../backend/cib/index.js";
import { evaluateRule, type RuleContext } from "./rules.js";
import { parseScore } from "./score.js";

export interface NvpairContext {
  readonly byId: ReadonlyMap<string, XmlElement>;
  readonly rule: RuleContext;
}

function resolve(node: XmlElement, byId: ReadonlyMap<string, XmlElement>): XmlElement {
  const reference = node.attributes["id-ref"];
  if (reference === undefined) return node;
  return byId.get(reference) ?? node;
}

/** Reads every `setName` child of `parent` into `into` (existing names are kept). */
export function readNvpairSets(
  parent: XmlElement,
  setName: string,
  context: NvpairContext,
  into: Map<string, string> = new Map(),
): Map<string, string> {
  const sets = childElements(parent, setName)
    .map((set) => resolve(set, context.byId))
    .map((set, index) => ({ set, index, score: parseScore(set.attributes["score"]) }))
    .sort((a, b) => b.score - a.score || a.index - b.index);
  for (const { set } of sets) {
    const rules = childElements(set, "rule");
    if (rules.length > 0 && !rules.every((rule) => evaluateRule(rule, context.rule))) continue;
    for (const pair of childElements(set, "nvpair")) {
      const resolved = resolve(pair, context.byId);
      const name = resolved.attributes["name"];
      const value = resolved.attributes["value"];
      if (name === undefined || value === undefined) continue;
      // "#default" unsets a value an earlier (higher-precedence) set gave.
      if (value.toLowerCase() === "#default") into.delete(name);
      else if (!into.has(name)) into.set(name, value);
    }
  }
  return into;
}

/** True for Pacemaker's boolean spellings of yes. */
export function isTrue(value: string | undefined): boolean {
  if (value === undefined) return false;
  return ["true", "on", "yes", "y", "1"].includes(value.trim().toLowerCase());
}

export function booleanOption(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  const lower = value.trim().toLowerCase();
  if (["true", "on", "yes", "y", "1"].includes(lower)) return true;
  if (["false", "off", "no", "n", "0"].includes(lower)) return false;
  return fallback;
}

export function toNumberMap(values: ReadonlyMap<string, string>): Map<string, number> {
  const result = new Map<string, number>();
  for (const [name, value] of values) result.set(name, parseScore(value));
  return result;
}
