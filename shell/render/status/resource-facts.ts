/**
 * Questions the status layout asks of a resource (Pacemaker's `fns->active`,
 * `fns->location`, `fns->state`, `pe__resource_is_disabled`, failed-probe lookup), answered
 * from the unpacked model.
 */
import type {
  StatusModel,
  StatusOperation,
  StatusPrimitive,
  StatusResource,
  StatusRole,
} from "./model.js";

const roleRanks: Record<StatusRole, number> = {
  Unknown: 0,
  Stopped: 1,
  Started: 2,
  Unpromoted: 3,
  Promoted: 4,
};

export function roleRank(role: StatusRole): number {
  return roleRanks[role];
}

/** Pacemaker's `crm_is_true`. */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && ["true", "on", "yes", "y", "1"].includes(value.toLowerCase());
}

/** Pacemaker's text2role, accepting the legacy Master/Slave words. */
export function parseRole(text: string | undefined): StatusRole | undefined {
  switch (text?.toLowerCase()) {
    case "stopped":
      return "Stopped";
    case "started":
      return "Started";
    case "unpromoted":
    case "slave":
      return "Unpromoted";
    case "promoted":
    case "master":
      return "Promoted";
    default:
      return undefined;
  }
}

export function primitivesOf(resource: StatusResource): StatusPrimitive[] {
  switch (resource.kind) {
    case "primitive":
      return [resource];
    case "group":
      return resource.children.flatMap(primitivesOf);
    case "clone":
      return resource.instances.flatMap(primitivesOf);
  }
}

/** `fns->active(rsc, all)`: every (all) or any primitive underneath is active somewhere. */
export function isActive(resource: StatusResource, all: boolean): boolean {
  if (resource.kind === "primitive") return resource.activeOn.size > 0;
  const children = resource.kind === "group" ? resource.children : resource.instances;
  if (children.length === 0) return false;
  return all
    ? children.every((child) => isActive(child, true))
    : children.some((child) => isActive(child, false));
}

/** Nodes where anything underneath runs, in first-seen order (`running_on`). */
export function runningOn(resource: StatusResource): string[] {
  const nodes = new Set<string>();
  for (const primitive of primitivesOf(resource)) {
    for (const node of primitive.activeOn.keys()) nodes.add(node);
  }
  return [...nodes];
}

/** `fns->location(rsc, NULL, current)`: the one node it runs on, if exactly one. */
export function singleLocation(resource: StatusResource): string | undefined {
  const nodes = runningOn(resource);
  return nodes.length === 1 ? nodes[0] : undefined;
}

/** `fns->state(rsc, current)`: the highest current role underneath. */
export function currentRole(resource: StatusResource): StatusRole {
  let best: StatusRole = "Unknown";
  for (const primitive of primitivesOf(resource)) {
    if (roleRank(primitive.role) > roleRank(best)) best = primitive.role;
  }
  return best;
}

export function isManaged(resource: StatusResource, model: StatusModel): boolean {
  if (resource.kind === "primitive") return resource.managed;
  if (model.options.maintenanceMode) return false;
  if (isTrue(resource.meta.get("maintenance"))) return false;
  const managed = resource.meta.get("is-managed");
  return managed === undefined || isTrue(managed);
}

/** Any primitive underneath with the flag (`is_set_recursive(…, any=TRUE)`). */
export function anyPrimitive(
  resource: StatusResource,
  test: (primitive: StatusPrimitive) => boolean,
): boolean {
  return primitivesOf(resource).some(test);
}

/** `pe__resource_is_disabled`. */
export function isDisabled(resource: StatusResource, promotable: boolean): boolean {
  const target = parseRole(resource.meta.get("target-role"));
  return target === "Stopped" || (target === "Unpromoted" && promotable);
}

/** The clone's target-role, or its first instance's (`configured_role`). */
export function configuredRole(resource: StatusResource): StatusRole | undefined {
  const own = resource.meta.get("target-role");
  if (own !== undefined || resource.kind !== "clone") return parseRole(own);
  const first = resource.instances[0];
  return first === undefined ? undefined : parseRole(first.meta.get("target-role"));
}

/** A probe failure that only means "not runnable here" (rc 2 or 5, or op-status 7). */
export function isMaskedProbeFailure(operation: StatusOperation): boolean {
  if (operation.task !== "monitor" || operation.intervalMs !== 0) return false;
  return operation.rc === 5 || operation.rc === 2 || operation.status === 7;
}

/** The masked probe failure of any primitive underneath on `node` (any node when undefined). */
export function failedProbe(
  resource: StatusResource,
  node: string | undefined,
  now: number | undefined,
): StatusOperation | undefined {
  for (const primitive of primitivesOf(resource)) {
    const timeout = durationSeconds(primitive.meta.get("failure-timeout"));
    for (const operation of primitive.history) {
      if (!isMaskedProbeFailure(operation)) continue;
      if (timeout > 0 && (now === undefined || (operation.lastRcChange ?? 0) + timeout <= now)) {
        continue; // expired: no longer listed among the failures
      }
      if (node === undefined || operation.node.toLowerCase() === node.toLowerCase()) {
        return operation;
      }
    }
  }
  return undefined;
}

const secondsPerUnit: Record<string, number> = {
  "": 1,
  s: 1,
  sec: 1,
  m: 60,
  min: 60,
  h: 3600,
  hr: 3600,
};

/** A duration meta-attribute ("10", "10s", "5min", "1h", "500ms") in whole seconds; 0 if unset. */
export function durationSeconds(text: string | undefined): number {
  const match = /^\s*(\d+)\s*(ms|msec|s|sec|m|min|h|hr)?\s*$/.exec(text ?? "");
  if (match === null) return 0;
  const value = Number.parseInt(match[1] ?? "0", 10);
  const unit = match[2] ?? "";
  if (unit === "ms" || unit === "msec") return Math.floor(value / 1000);
  return value * (secondsPerUnit[unit] ?? 1);
}

/**
 * A failed result (an unexpected rc, or op-status "error"; not "not installed" and other
 * execution failures) of an operation whose configured on-fail is `ignore`: Pacemaker's
 * failure-ignored flag.
 */
export function hasIgnoredFailure(primitive: StatusPrimitive): boolean {
  if (primitive.failureIgnored === true) return true;
  if ([...primitive.onFailByNode.values()].includes("ignore")) return true;
  return primitive.history.some((operation) => {
    if (operation.status !== 0 && operation.status !== 4) return false;
    const unexpected = operation.expectedRc !== undefined && operation.rc !== operation.expectedRc;
    if (operation.status === 0 && !unexpected) return false;
    const configured = primitive.operations?.find(
      (candidate) =>
        candidate.name === operation.task && candidate.intervalMs === operation.intervalMs,
    );
    return configured?.onFail === "ignore";
  });
}
