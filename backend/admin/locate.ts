import type { Result } from "../base/index.js";
import { fail, ok } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";
import type { AdminCode } from "./change.js";
import { findResource, primitivesOf } from "./resources.js";
import { activeRole, isOnline, lrmResources, nodeStates } from "./status-section.js";

/** A node where a resource is active, from the status section's history. */
export interface Location {
  readonly node: string;
  readonly role: "Started" | "Promoted";
}

/** True when the history entry id is the primitive's (`d1`, or a clone instance `d1:2`). */
export function historyOf(primitive: string, entryId: string): boolean {
  return entryId === primitive || entryId.startsWith(`${primitive}:`);
}

/** Nodes (online ones, in status order) where any primitive of the resource is active. */
export function locateResource(cib: XmlElement, resource: string): Result<Location[], AdminCode> {
  const path = findResource(cib, resource);
  if ("code" in path) return fail([path]);
  const primitives = primitivesOf(path.resource).map(
    (primitive) => primitive.attributes["id"] ?? "",
  );
  const locations: Location[] = [];
  for (const state of nodeStates(cib).filter(isOnline)) {
    const roles = lrmResources(state)
      .filter((entry) => primitives.some((id) => historyOf(id, entry.attributes["id"] ?? "")))
      .map(activeRole);
    if (!roles.some((role) => role !== undefined)) continue;
    const node = state.attributes["uname"] ?? state.attributes["id"] ?? "";
    locations.push({ node, role: roles.includes("Promoted") ? "Promoted" : "Started" });
  }
  return ok(locations);
}

/** crm_resource --locate's lines for one resource. */
export function locateLines(resource: string, locations: readonly Location[]): string[] {
  if (locations.length === 0) return [`resource ${resource} is NOT running`];
  return locations.map(
    (location) =>
      `resource ${resource} is running on: ${location.node}${location.role === "Promoted" ? " Promoted" : ""}`,
  );
}
