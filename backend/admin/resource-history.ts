import type { Result } from "../base/index.js";
import { fail, issue, ok } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";
import { childElements } from "../cib/index.js";
import type { AdminChange, AdminCode } from "./change.js";
import { changeCopy } from "./change.js";
import { historyOf } from "./locate.js";
import { findNodeState } from "./nodes.js";
import { findResource, primitivesOf } from "./resources.js";
import {
  hasFailure,
  lrmResources,
  nodeStates,
  removeLrmResources,
  transientSet,
} from "./status-section.js";

export interface HistoryRequest {
  /** Every resource when omitted. */
  readonly resource?: string;
  /** Every node when omitted. */
  readonly node?: string;
  /** refresh drops all history of the resource; cleanup only failed history. */
  readonly mode: "cleanup" | "refresh";
}

const failureAttribute = /^(?:fail-count|last-failure)-(.+?)(?:#.*)?$/;

/** The resource an attribute `fail-count-RSC#OP_INTERVAL` or `last-failure-RSC…` counts for. */
export function failureAttributeResource(name: string): string | undefined {
  return failureAttribute.exec(name)?.[1]?.replace(/:\d+$/, "");
}

function removeFailureAttributes(state: XmlElement, belongs: (id: string) => boolean): boolean {
  const set = transientSet(state, false);
  if (set === undefined) return false;
  const before = set.children.length;
  set.children = set.children.filter((child) => {
    if (child.kind !== "element" || child.name !== "nvpair") return true;
    const owner = failureAttributeResource(child.attributes["name"] ?? "");
    return owner === undefined || !belongs(owner);
  });
  return set.children.length !== before;
}

function primitiveMatcher(
  cib: XmlElement,
  resource: string | undefined,
): ((id: string) => boolean) | Error {
  if (resource === undefined) return () => true;
  const path = findResource(cib, resource);
  if ("code" in path) return new Error(path.message);
  const ids = primitivesOf(path.resource).map((primitive) => primitive.attributes["id"] ?? "");
  return (id) => ids.some((primitive) => historyOf(primitive, id));
}

/**
 * `crm resource cleanup|refresh [RSC] [NODE]`: drops the resource's operation history
 * (cleanup: only where it failed) and its fail-count/last-failure transient attributes, so
 * the cluster probes it again and forgets the failures.
 */
export function cleanupResource(
  cib: XmlElement,
  request: HistoryRequest,
): Result<AdminChange, AdminCode> {
  return changeCopy(cib, (copy) => {
    if (request.resource !== undefined) {
      const path = findResource(copy, request.resource);
      if ("code" in path) return path;
    }
    const belongs = primitiveMatcher(copy, request.resource);
    if (belongs instanceof Error) return issue("unknown_resource", belongs.message);
    let states = nodeStates(copy);
    if (request.node !== undefined) {
      const state = findNodeState(copy, request.node);
      if ("code" in state) return state;
      states = [state];
    }
    const notes: string[] = [];
    for (const state of states) {
      const failedIds = new Set(
        lrmResources(state)
          .filter(hasFailure)
          .map((entry) => entry.attributes["id"] ?? ""),
      );
      const removed = removeLrmResources(
        state,
        (entry) =>
          belongs(entry.attributes["id"] ?? "") &&
          (request.mode === "refresh" || failedIds.has(entry.attributes["id"] ?? "")),
      );
      const attributes = removeFailureAttributes(state, belongs);
      const node = state.attributes["uname"] ?? state.attributes["id"] ?? "";
      const verb = request.mode === "cleanup" ? "Cleaned up" : "Refreshed";
      for (const id of removed) notes.push(`${verb} ${id} on ${node}`);
      if (removed.length === 0 && attributes)
        notes.push(`${verb} ${request.resource ?? "resources"} on ${node}`);
    }
    return notes;
  });
}

function failCountPairs(state: XmlElement, resource: string): XmlElement[] {
  const set = transientSet(state, false);
  if (set === undefined) return [];
  return childElements(set, "nvpair").filter((pair) => {
    const name = pair.attributes["name"] ?? "";
    return name.startsWith("fail-count-") && failureAttributeResource(name) === resource;
  });
}

/** `failcount RSC show NODE`: crm_failcount -G's line (the sum over operations). */
export function showFailCount(
  cib: XmlElement,
  resource: string,
  node: string,
): Result<string, AdminCode> {
  const path = findResource(cib, resource);
  if ("code" in path) return fail([path]);
  const state = findNodeState(cib, node);
  const pairs = "code" in state ? [] : failCountPairs(state, resource);
  const total = pairs.reduce((sum, pair) => {
    const value = pair.attributes["value"] ?? "0";
    return value === "INFINITY" || sum === Infinity ? Infinity : sum + Number(value);
  }, 0);
  return ok(
    `scope=status  name=fail-count-${resource} value=${total === Infinity ? "INFINITY" : total}`,
  );
}

/**
 * `failcount RSC set NODE VALUE`: as crmsh 4.4, only fail counts already recorded change (each
 * operation's count gets the value); setting 0 where none is recorded is nothing to do.
 */
export function setFailCount(
  cib: XmlElement,
  request: { readonly resource: string; readonly node: string; readonly value: string },
): Result<AdminChange, AdminCode> {
  return changeCopy(cib, (copy) => {
    const path = findResource(copy, request.resource);
    if ("code" in path) return path;
    const state = findNodeState(copy, request.node);
    if ("code" in state) return state;
    const pairs = failCountPairs(state, request.resource);
    if (pairs.length === 0 && request.value !== "0") {
      return issue(
        "no_fail_count",
        `No fail count of ${request.resource} is recorded on ${request.node}`,
      );
    }
    for (const pair of pairs) pair.attributes["value"] = request.value;
    return [];
  });
}

/** `failcount RSC delete NODE`: crm_failcount -D (fail counts and last-failure times). */
export function deleteFailCount(
  cib: XmlElement,
  request: { readonly resource: string; readonly node: string },
): Result<AdminChange, AdminCode> {
  return changeCopy(cib, (copy) => {
    const path = findResource(copy, request.resource);
    if ("code" in path) return path;
    const state = findNodeState(copy, request.node);
    if ("code" in state) return state;
    removeFailureAttributes(state, (id) => id === request.resource);
    return [];
  });
}
