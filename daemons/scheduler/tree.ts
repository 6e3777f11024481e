/** Small queries over the resource state tree. */
import type { ResourceState } from "./working.js";

export function owningCloneState(state: ResourceState): ResourceState | undefined {
  for (let current = state.parent; current !== undefined; current = current.parent) {
    if (current.resource.kind === "clone") return current;
  }
  return undefined;
}

export function isCloneState(state: ResourceState | undefined): boolean {
  return state?.resource.kind === "clone";
}

export function isPromotableClone(state: ResourceState | undefined): boolean {
  return state?.resource.kind === "clone" && state.resource.promotable;
}

export function lastMember(state: ResourceState): ResourceState | undefined {
  return state.children[state.children.length - 1];
}

/** Pacemaker's variant order: primitive < group < clone. */
export function variantRank(state: ResourceState): number {
  switch (state.resource.kind) {
    case "primitive":
      return 0;
    case "group":
      return 1;
    case "clone":
      return 2;
  }
}
