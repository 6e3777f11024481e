/**
 * Node criteria: initial allowed nodes (symmetric default), location constraints and
 * rules, resource stickiness, migration-threshold and hard-error bans.
 */
import type { LocationConstraint, NodeModel } from "./model.js";
import { evaluateRule } from "./rules.js";
import { INFINITY, addScores, parseScore } from "./score.js";
import type { ResourceState, Working } from "./working.js";
import { owningCloneState } from "./tree.js";

/** Adds `score` on `node` to the resource and all its descendants (resource_location). */
export function addNodeScore(
  state: ResourceState,
  node: NodeModel,
  score: number,
  base: number,
): void {
  for (const child of state.children) addNodeScore(child, node, score, base);
  const current = state.allowed.get(node.name);
  state.allowed.set(node.name, addScores(current ?? base, score));
}

function nodeBaseWeight(node: NodeModel): number {
  if (!node.online || node.shutdown) return -INFINITY;
  return node.score;
}

export function applySymmetricDefault(working: Working): void {
  if (!working.model.options.symmetricCluster) return;
  for (const state of working.topLevel) {
    for (const node of working.nodes) addNodeScore(state, node, 0, node.score);
  }
}

interface WeightedNode {
  readonly node: NodeModel;
  readonly score: number;
}

function locationNodes(
  location: LocationConstraint,
  working: Working,
  state: ResourceState,
): WeightedNode[] {
  if (location.rules.length === 0) {
    const node = working.model.nodeByName.get(location.node ?? "");
    return node === undefined ? [] : [{ node, score: location.score }];
  }
  const rule = location.rules[0];
  if (rule === undefined) return [];
  const scoreText = rule.attributes["score"];
  const scoreAttribute = rule.attributes["score-attribute"];
  const result: WeightedNode[] = [];
  for (const node of working.nodes) {
    const primitive = state.resource.kind === "primitive" ? state.resource : undefined;
    const matches = evaluateRule(rule, {
      attributes: node.attributes,
      now: working.model.now,
      recheck: working.model.recheck,
      ...(primitive === undefined ? {} : { resourceParams: primitive.instance }),
      resourceMeta: state.resource.meta,
    });
    if (!matches) continue;
    let score = parseScore(scoreText);
    if (scoreText === undefined && scoreAttribute !== undefined) {
      const value = node.attributes.get(scoreAttribute);
      score = value === undefined ? -INFINITY : parseScore(value);
    }
    result.push({ node, score });
  }
  return result;
}

/** Applies one location to one resource (pcmk__apply_location), not recursively. */
function applyToResource(state: ResourceState, nodes: readonly WeightedNode[]): void {
  for (const { node, score } of nodes) {
    const current = state.allowed.get(node.name);
    state.allowed.set(
      node.name,
      current === undefined ? addScores(score, 0) : addScores(current, score),
    );
  }
}

function applyLocationTree(state: ResourceState, nodes: readonly WeightedNode[]): void {
  applyToResource(state, nodes);
  if (state.resource.kind === "group") {
    let first = true;
    for (const member of state.children) {
      applyLocationTree(member, first ? nodes : nodes.map(({ node }) => ({ node, score: 0 })));
      first = false;
    }
  } else {
    for (const child of state.children) applyLocationTree(child, nodes);
  }
}

export function applyLocations(working: Working): void {
  for (const location of working.model.locations) {
    const state = working.states.get(location.resourceId);
    if (state === undefined) continue;
    if (location.role === "Promoted") continue;
    const nodes = locationNodes(location, working, state);
    if (nodes.length === 0) continue;
    applyLocationTree(state, nodes);
  }
}

export function applyStickiness(working: Working, state: ResourceState): void {
  for (const child of state.children) applyStickiness(working, child);
  if (state.children.length > 0) return;
  if (!state.managed || state.stickiness < 1 || state.runningOn.length !== 1) return;
  const nodeName = state.runningOn[0] ?? "";
  const node = working.model.nodeByName.get(nodeName);
  if (node === undefined) return;
  if (!working.model.options.symmetricCluster && !state.allowed.has(nodeName)) return;
  addNodeScore(state, node, state.stickiness, nodeBaseWeight(node));
}

function migrationThreshold(state: ResourceState): number {
  const text = state.resource.meta.get("migration-threshold");
  if (text === undefined) return INFINITY;
  const value = parseScore(text, INFINITY);
  return value < 0 ? 1 : value;
}

export function applyFailureBans(working: Working, state: ResourceState): void {
  for (const child of state.children) applyFailureBans(working, child);
  const primitive = state.resource.kind === "primitive" ? state.resource : undefined;
  if (primitive === undefined) return;
  const clone = owningCloneState(state);
  const banTarget = clone !== undefined && !isUniqueClone(clone) ? clone : state;
  const threshold = migrationThreshold(state);
  for (const node of working.nodes) {
    const count = primitive.failCounts.get(node.name) ?? 0;
    if (count > 0 && threshold > 0 && threshold - count <= 0) {
      addNodeScore(banTarget, node, -INFINITY, nodeBaseWeight(node));
    }
    if (primitive.bannedNodes.has(node.name))
      addNodeScore(clone ?? state, node, -INFINITY, nodeBaseWeight(node));
    if (primitive.bannedEverywhere)
      addNodeScore(clone ?? state, node, -INFINITY, nodeBaseWeight(node));
    if (primitive.stopOnFail) addNodeScore(state, node, -INFINITY, nodeBaseWeight(node));
    if (primitive.failedStopOn.has(node.name)) addNodeScore(state, node, -INFINITY, nodeBaseWeight(node));
    const blockedByMultipleActive = state.runningOn.length > 1 && state.resource.meta.get("multiple-active") === "block";
    if (!state.managed && !blockedByMultipleActive && state.runningOn.includes(node.name)) {
      const current = state.allowed.get(node.name);
      state.allowed.set(node.name, addScores(current ?? nodeBaseWeight(node), INFINITY));
    }
  }
}

function isUniqueClone(state: ResourceState): boolean {
  return state.resource.kind === "clone" && state.resource.globallyUnique;
}

export function applyNodeCriteria(working: Working): void {
  applySymmetricDefault(working);
  applyLocations(working);
  for (const state of working.topLevel) applyStickiness(working, state);
  for (const state of working.topLevel) applyFailureBans(working, state);
  for (const state of working.states.values()) {
    if (state.resource.kind !== "primitive" || state.runningOn.length < 2) continue;
    if (state.resource.meta.get("multiple-active") !== "stop_only") continue;
    for (const node of state.allowed.keys()) state.allowed.set(node, -INFINITY);
  }
}
