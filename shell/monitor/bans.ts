/**
 * Negative location constraints as crm_mon lists them (`<bans>`, `-L`): each location keeps the
 * nodes it names or its rule matches, with their weights; every node with a negative weight is a
 * ban. Pacemaker prepends each new location to its list, so the last unpacked comes first, and
 * an "and" rule starts from a reversed copy of the (sorted) node list.
 */
import type { XmlElement } from "../../backend/cib/index.js";
import type { ClusterModel, LocationConstraint, NodeModel } from "../../daemons/scheduler/index.js";
import { INFINITY, evaluateRule } from "../../daemons/scheduler/index.js";

export interface Ban {
  /** The constraint's id, or the rule's for a rule-based location. */
  readonly id: string;
  readonly resource: string;
  readonly node: string;
  readonly weight: number;
  readonly promotedOnly: boolean;
}

/** Pacemaker's char2score: ±INFINITY words, else the leading integer, clamped. */
function scoreOf(text: string | undefined): number {
  if (text === undefined) return 0;
  const word = text.trim().toUpperCase();
  if (word === "INFINITY" || word === "+INFINITY") return INFINITY;
  if (word === "-INFINITY") return -INFINITY;
  const match = /^[-+]?\d+/.exec(text.trim());
  if (match === null) return 0;
  return Math.max(-INFINITY, Math.min(INFINITY, Number(match[0])));
}

function isPromotedRole(role: string | undefined): boolean {
  const normalized = role?.toLowerCase();
  return normalized === "promoted" || normalized === "master";
}

interface WeightedNode {
  readonly node: NodeModel;
  readonly weight: number;
}

function ruleWeight(rule: XmlElement, node: NodeModel): number {
  const score = rule.attributes["score"];
  if (score !== undefined) return scoreOf(score);
  const attribute = rule.attributes["score-attribute"];
  if (attribute === undefined) return 0;
  const value = node.attributes.get(attribute);
  return value === undefined ? -INFINITY : scoreOf(value);
}

function ruleNodes(model: ClusterModel, location: LocationConstraint, rule: XmlElement) {
  const resource = model.resourceById.get(location.resourceId);
  const matches = (node: NodeModel): boolean =>
    evaluateRule(rule, {
      attributes: node.attributes,
      now: model.now,
      ...(resource?.kind === "primitive" ? { resourceParams: resource.instance } : {}),
      ...(resource === undefined ? {} : { resourceMeta: resource.meta }),
    });
  const isOr = rule.attributes["boolean-op"]?.toLowerCase() === "or";
  const ordered = isOr ? model.nodes : [...model.nodes].reverse();
  return ordered
    .filter(matches)
    .map((node): WeightedNode => ({ node, weight: ruleWeight(rule, node) }));
}

function locationNodes(model: ClusterModel, location: LocationConstraint): WeightedNode[] {
  const rule = location.rules[0];
  if (rule !== undefined) return ruleNodes(model, location, rule);
  const node = model.nodeByName.get(location.node ?? "");
  return node === undefined ? [] : [{ node, weight: location.score }];
}

function promotedOnly(location: LocationConstraint): boolean {
  const rule = location.rules[0];
  if (rule !== undefined) return isPromotedRole(rule.attributes["role"]);
  return location.role === "Promoted";
}

/** Every ban, in the order crm_mon prints them. */
export function collectBans(model: ClusterModel): Ban[] {
  const bans: Ban[] = [];
  for (const location of [...model.locations].reverse()) {
    const rule = location.rules[0];
    for (const { node, weight } of locationNodes(model, location)) {
      if (weight >= 0) continue;
      bans.push({
        id: rule?.attributes["id"] ?? location.id,
        resource: location.resourceId,
        node: node.name,
        weight,
        promotedOnly: promotedOnly(location),
      });
    }
  }
  return bans;
}
