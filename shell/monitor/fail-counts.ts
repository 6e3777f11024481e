/**
 * A resource's fail count on a node as crm_mon reads it (Pacemaker's pe_get_failcount without
 * expiry): the sum of the node's `fail-count-RSC#OP_INTERVAL` attributes and the latest
 * `last-failure-RSC#…`. Anonymous clone instances match any instance number; CIBs written before
 * feature set 3.0.13 keep one per-resource `fail-count-RSC` instead.
 */
import type { XmlElement } from "../../backend/cib/index.js";
import type { NodeModel } from "../../daemons/scheduler/index.js";

export interface FailCount {
  readonly failCount: number;
  /** Epoch seconds, only when the fail count is positive. */
  readonly lastFailure: number | undefined;
}

/** The history's resource names a fail count attribute by. */
export interface FailName {
  readonly name: string;
  /** Unique resources match the name exactly; anonymous clone instances any `:N`. */
  readonly unique: boolean;
}

function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Fail counts per resource (not per operation), as CIBs before feature set 3.0.13 kept them. */
export function usesLegacyFailCounts(cib: XmlElement): boolean {
  return compareVersions(cib.attributes["crm_feature_set"] ?? "0", "3.0.13") < 0;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function failPattern(prefix: string, name: FailName, legacy: boolean): RegExp {
  const instance = name.unique ? "" : "(:[0-9]+)?";
  const operation = legacy ? "" : "#.+_[0-9]+";
  return new RegExp(`^${prefix}-${escapeRegExp(name.name)}${instance}${operation}$`);
}

function scoreOf(text: string): number {
  const word = text.trim().toUpperCase();
  if (word === "INFINITY" || word === "+INFINITY") return 1000000;
  if (word === "-INFINITY") return -1000000;
  const match = /^[-+]?\d+/.exec(text.trim());
  return match === null ? 0 : Number(match[0]);
}

function addScores(a: number, b: number): number {
  if (a <= -1000000 || b <= -1000000) return -1000000;
  return Math.min(1000000, a + b);
}

export function failCountOn(node: NodeModel, name: FailName, legacy: boolean): FailCount {
  const countPattern = failPattern("fail-count", name, legacy);
  const lastPattern = failPattern("last-failure", name, legacy);
  let failCount = 0;
  let last = 0;
  for (const [attribute, value] of node.attributes) {
    if (countPattern.test(attribute)) failCount = addScores(failCount, scoreOf(value));
    else if (lastPattern.test(attribute) && /^\s*-?\d+/.test(value))
      last = Math.max(last, Number.parseInt(value, 10));
  }
  return { failCount, lastFailure: failCount > 0 && last > 0 ? last : undefined };
}

/**
 * The fail-count name of a history entry `lrmId`: an anonymous clone's instance by its
 * primitive's id, anything else (unique instances, primitives, orphans) as recorded.
 */
export function failNameOf(lrmId: string, anonymous: ReadonlySet<string>): FailName {
  const base = lrmId.replace(/:\d+$/, "");
  return anonymous.has(base) ? { name: base, unique: false } : { name: lrmId, unique: true };
}
