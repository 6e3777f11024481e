/** Builds the working state (one ResourceState per resource) from the unpacked model. */
import type { ClusterModel, PrimitiveModel, ResourceModel, Role } from "./model.js";
import { parseScore } from "./score.js";
import { isTrue } from "./nvpairs.js";
import type { ResourceState, Working } from "./working.js";
import { compareNatural } from "./score.js";

function targetRole(resource: ResourceModel, promotable: boolean): Role {
  const value = resource.meta.get("target-role")?.toLowerCase();
  if (value === undefined || value === "started" || value === "default") return "Unknown";
  const role: Role | undefined =
    value === "stopped"
      ? "Stopped"
      : value === "slave" || value === "unpromoted"
        ? "Unpromoted"
        : value === "master" || value === "promoted"
          ? "Promoted"
          : undefined;
  if (role === undefined) return "Unknown";
  if (role === "Promoted") return "Unknown";
  if (role === "Unpromoted" && !promotable) return "Unknown";
  return role;
}

function requirement(resource: ResourceModel, model: ClusterModel): string {
  const configured = resource.meta.get("requires")?.toLowerCase();
  if (configured === "nothing" || configured === "quorum" || configured === "fencing")
    return configured;
  if (configured === "unfencing") return "fencing";
  if (resource.kind === "primitive" && resource.className === "stonith") return "quorum";
  if (model.options.noQuorumPolicy === "ignore")
    return model.options.stonithEnabled ? "fencing" : "nothing";
  return model.options.stonithEnabled ? "fencing" : "quorum";
}

function stickinessOf(resource: ResourceModel, model: ClusterModel): number {
  const value =
    resource.meta.get("resource-stickiness") ??
    model.options.all.get("default-resource-stickiness");
  return parseScore(value);
}

function isPromotable(resource: ResourceModel): boolean {
  for (
    let current: ResourceModel | undefined = resource;
    current !== undefined;
    current = current.parent
  ) {
    if (current.kind === "clone" && current.promotable) return true;
  }
  return false;
}

function buildState(
  resource: ResourceModel,
  parent: ResourceState | undefined,
  working: Working,
): ResourceState {
  const model = working.model;
  const primitive = resource.kind === "primitive" ? resource : undefined;
  const required = requirement(resource, model);
  const state: ResourceState = {
    resource,
    id: resource.id,
    parent,
    children: [],
    allowed: new Map(),
    provisional: true,
    allocating: false,
    merging: false,
    assignedTo: undefined,
    assignedWeight: 0,
    role: primitive?.role ?? "Stopped",
    nextRole:
      primitive?.stopOnFail === true ? "Stopped" : targetRole(resource, isPromotable(resource)),
    runningOn: primitive === undefined ? [] : [...primitive.activeOn.keys()],
    failed: primitive?.failed ?? false,
    stopFlag: primitive?.failureStop ?? false,
    managed: primitive === undefined ? true : primitive.managed && !model.options.maintenanceMode,
    blocked: primitive?.blocked ?? false,
    orphan: primitive?.orphan ?? false,
    startPending: primitive !== undefined && [...primitive.pendingTasks.values()].includes("start"),
    priority: parseScore(resource.meta.get("priority")),
    stickiness: stickinessOf(resource, model),
    thisWith: [],
    withThis: [],
    actions: [],
    promotionPriority: 0,
    requiresFencing: required === "fencing",
    requiresQuorum: required !== "nothing",
    restarting: false,
    stopUnexpected: false,
    allowMigrate: isTrue(resource.meta.get("allow-migrate")),
    definitionChanged: false,
    partialMigration: primitive?.partialMigration,
  };
  if (primitive !== undefined && primitive.role === "Stopped" && primitive.activeOn.size > 0)
    state.role = "Started";
  if (state.role === "Started" && isPromotable(resource)) state.role = "Unpromoted";
  if (primitive !== undefined && primitive.activeOn.size > 1 && resource.meta.get("multiple-active") === "block") {
    state.managed = false;
    state.blocked = true;
  }
  working.states.set(resource.id, state);
  const children =
    resource.kind === "group"
      ? resource.children
      : resource.kind === "clone"
        ? resource.instances
        : [];
  for (const child of children) state.children.push(buildState(child, state, working));
  if (resource.kind === "group" && resource.meta.get("multiple-active") === "block" && state.children.some((child) => child.blocked)) {
    for (const child of state.children) {
      child.managed = false;
      child.blocked = true;
    }
  }
  if (resource.kind !== "primitive") finishCollective(state);
  return state;
}

function finishCollective(state: ResourceState): void {
  const nodes = new Set<string>();
  for (const child of state.children) for (const node of child.runningOn) nodes.add(node);
  state.runningOn.push(...nodes);
  state.managed = state.children.every((child) => child.managed);
  state.failed = state.children.some((child) => child.failed);
  const first = state.children[0];
  if (first !== undefined)
    state.role = state.resource.kind === "group" ? first.role : highestRole(state.children);
}

function highestRole(children: readonly ResourceState[]): Role {
  const rank: Record<Role, number> = {
    Unknown: 0,
    Stopped: 1,
    Started: 2,
    Unpromoted: 3,
    Promoted: 4,
  };
  let best: Role = "Stopped";
  for (const child of children) if (rank[child.role] > rank[best]) best = child.role;
  return best;
}

export function buildWorking(model: ClusterModel): Working {
  const working: Working = {
    model,
    nodes: model.nodes,
    states: new Map(),
    topLevel: [],
    actions: [],
    orderings: [],
    colocations: [],
    scores: [],
    assignedCount: new Map(model.nodes.map((node) => [node.name, 0])),
    capacity: new Map(model.nodes.map((node) => [node.name, new Map(node.utilization)])),
    fenceActions: [],
    singletons: new Map(),
    notifications: [],
  };
  const top = model.resources.map((resource) => buildState(resource, undefined, working));
  const ordered = top
    .map((state, index) => ({ state, index }))
    .sort((a, b) => b.state.priority - a.state.priority || a.index - b.index)
    .map((entry) => entry.state);
  working.topLevel.push(...ordered);
  return working;
}

export function sortedNodeNames(working: Working, names: Iterable<string>): string[] {
  return [...names].sort(compareNatural);
}

export function primitiveModel(state: ResourceState): PrimitiveModel | undefined {
  return state.resource.kind === "primitive" ? state.resource : undefined;
}
