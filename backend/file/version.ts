import type { XmlElement } from "../cib/index.js";
import { element, firstChild, nodesEqual } from "../cib/index.js";

/**
 * Moves the CIB version as cibadmin does when it writes a file: a change of the
 * configuration section raises `epoch` and resets `num_updates`; any other change (status)
 * raises `num_updates`; no change keeps both. Returns a new root sharing `next`'s children
 * (trees are never mutated in place); never mutates `next`.
 */
export function advanceVersion(original: XmlElement, next: XmlElement): XmlElement {
  const result = element(next.name, { ...next.attributes }, next.children);
  const epoch = versionNumber(original, "epoch");
  const updates = versionNumber(original, "num_updates");
  result.attributes["admin_epoch"] = original.attributes["admin_epoch"] ?? "0";
  if (!sectionEqual(original, next, "configuration")) {
    result.attributes["epoch"] = String(epoch + 1);
    result.attributes["num_updates"] = "0";
  } else if (!sectionEqual(original, next, "status")) {
    result.attributes["epoch"] = String(epoch);
    result.attributes["num_updates"] = String(updates + 1);
  } else {
    result.attributes["epoch"] = String(epoch);
    result.attributes["num_updates"] = String(updates);
  }
  return result;
}

/** True when `next` differs from `original` anywhere but in its version attributes. */
export function cibChanged(original: XmlElement, next: XmlElement): boolean {
  return !sectionEqual(original, next, "configuration") || !sectionEqual(original, next, "status");
}

function versionNumber(cib: XmlElement, name: string): number {
  const value = Number.parseInt(cib.attributes[name] ?? "0", 10);
  return Number.isFinite(value) && value >= 0 ? value : 0;
}

function sectionEqual(a: XmlElement, b: XmlElement, name: string): boolean {
  const left = firstChild(a, name);
  const right = firstChild(b, name);
  if (left === undefined || right === undefined) return left === right;
  return nodesEqual(left, right);
}
