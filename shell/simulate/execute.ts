/**
 * Executes a transition graph against the CIB as crm_simulate does: repeated passes over the
 * synapses in id order, firing each one whose inputs have completed; every action completes
 * at once. Resource actions write their result into the status section (so the revised
 * status can be unpacked), fencing takes the node down, pseudo and cluster actions are only
 * reported. `-F` specs make a matching action fail, which stops the transition.
 */
import type { XmlElement } from "../../backend/cib/index.js";
import { operationDigest } from "./digest.js";
import type { GraphAction, GraphSynapse, TransitionGraph } from "./graph.js";
import { intervalOf, metaValue } from "./graph.js";
import { injectFailCount } from "./inject.js";
import {
  countUpdate,
  ensureNodeState,
  ensureResourceHistory,
  findNodeState,
  nextCallId,
  recordOperation,
  removeChildren,
  setNodeMembership,
} from "./status-section.js";

export interface ExecutionLine {
  /** Items are bullets of the "Executing Cluster Transition" list; info lines are plain. */
  readonly kind: "item" | "info";
  readonly text: string;
}

export interface ExecutionContext {
  readonly cib: XmlElement;
  /** `-F` OPSPECs, as typed. */
  readonly opFail: readonly string[];
  /** Epoch seconds for last-rc-change stamps. */
  readonly now: number;
  /**
   * Resource names the cluster knows (resources outside clones, history entries): an action
   * on an anonymous clone instance is shown by its base id when that is known, else by its
   * instance id, as crm_simulate looks names up.
   */
  readonly knownNames: ReadonlySet<string>;
}

export interface ExecutionResult {
  readonly lines: ExecutionLine[];
  /** Every synapse fired; false when a failure stopped the transition or inputs never completed. */
  readonly complete: boolean;
}

interface Run {
  readonly context: ExecutionContext;
  readonly lines: ExecutionLine[];
  readonly confirmed: Set<number>;
  /** Pacemaker's abort priority: INFINITY once an action failed. */
  abortPriority: number;
}

function pseudoAction(action: GraphAction, run: Run): void {
  const on = action.node === undefined ? "" : ` on ${action.node}`;
  run.lines.push({ kind: "item", text: `Pseudo action:   ${action.operationKey}${on}` });
}

function clusterAction(action: GraphAction, run: Run): void {
  const node = action.node ?? "<none>";
  const text =
    action.resource === undefined
      ? `Cluster action:  ${action.operation} on ${node}`
      : `Cluster action:  ${action.operation} for ${action.resource.id} on ${node}`;
  run.lines.push({ kind: "item", text });
}

function fencingAction(action: GraphAction, run: Run): void {
  const target = action.node ?? "";
  const fenceAction = metaValue(action, "stonith_action") ?? "reboot";
  run.lines.push({ kind: "item", text: `Fencing ${target} (${fenceAction})` });
  if (fenceAction.toLowerCase() === "on") return;
  const cib = run.context.cib;
  const state = ensureNodeState(cib, target, action.nodeUuid ?? target);
  setNodeMembership(state, false);
  countUpdate(cib);
  state.attributes["crm-debug-origin"] = "simulate_fencing_action";
  if (removeChildren(state, "lrm")) countUpdate(cib);
  if (removeChildren(state, "transient_attributes")) countUpdate(cib);
}

/** The rc a `-F` spec asks for this action, matched as crm_simulate matches it. */
function requestedFailure(
  action: GraphAction,
  names: readonly string[],
  run: Run,
): { readonly rc: number; readonly name: string } | undefined {
  const interval = intervalOf(action);
  for (const spec of run.context.opFail) {
    for (const name of names) {
      const prefix = `${name}_${action.operation}_${interval}@${action.node ?? ""}=`;
      if (!spec.toLowerCase().startsWith(prefix.toLowerCase())) continue;
      const rc = Number.parseInt(spec.slice(prefix.length), 10);
      if (!Number.isNaN(rc)) return { rc, name };
    }
  }
  return undefined;
}

function resourceAction(action: GraphAction, run: Run): void {
  const resource = action.resource;
  const node = action.node ?? "";
  if (action.operation === "reprobe" || resource === undefined) return;
  const interval = intervalOf(action);
  const known = resource.longId === undefined || run.context.knownNames.has(resource.id);
  const name = known ? resource.id : (resource.longId ?? resource.id);
  const task = `${action.operation}${interval > 0 ? `=${interval}` : ""}`;
  const shown = `Resource action: ${name.padEnd(15)} ${task} on ${node}`;
  if (action.operation === "delete" || action.operation === "meta-data") {
    run.lines.push({ kind: "item", text: shown });
    return;
  }
  run.lines.push({ kind: "item", text: shown });
  const state =
    findNodeState(run.context.cib, node) ??
    ensureNodeState(run.context.cib, node, action.nodeUuid ?? node);
  const names = name === resource.id ? [resource.id] : [name, resource.id];
  const history = ensureResourceHistory(state, names, resource);
  const targetRc = Number.parseInt(metaValue(action, "op_target_rc") ?? "0", 10) || 0;
  let rc = targetRc;
  const failure = requestedFailure(action, names, run);
  if (failure !== undefined) {
    rc = failure.rc;
    run.lines.push({ kind: "info", text: `Pretending action ${action.id} failed with rc=${rc}` });
    run.abortPriority = abortedPriority;
    const spec = { resource: failure.name, task: action.operation, intervalMs: interval, rc };
    const log: string[] = [];
    injectFailCount(state, spec, run.context.now, log);
    run.lines.push(...log.map((text) => ({ kind: "item" as const, text })));
  }
  const notifyType = metaValue(action, "notify_type");
  const notifyTask = metaValue(action, "notify_operation");
  recordOperation(history, {
    resource: resource.id,
    task: action.operation,
    intervalMs: interval,
    rc: action.operation === "notify" ? 0 : rc,
    opStatus: 0,
    callId: nextCallId(history),
    targetRc,
    exitReason: "User-injected result",
    now: run.context.now,
    digest: operationDigest(action),
    ...(action.operation === "notify" && notifyType !== undefined && notifyTask !== undefined
      ? { notifyId: `${resource.id}_${notifyType}_notify_${notifyTask}_0` }
      : {}),
  });
  countUpdate(run.context.cib);
}

function fire(synapse: GraphSynapse, run: Run): void {
  const action = synapse.action;
  switch (action.kind) {
    case "pseudo_event":
      pseudoAction(action, run);
      break;
    case "crm_event":
      if (action.operation === "stonith") fencingAction(action, run);
      else clusterAction(action, run);
      break;
    case "rsc_op":
      resourceAction(action, run);
      break;
  }
  run.confirmed.add(action.id);
}

const abortedPriority = 1000000;

/**
 * Whether the synapse may fire now (`should_fire_synapse`): its inputs are done (a failed
 * action still counts as done, as in crm_simulate's runs).
 */
function ready(synapse: GraphSynapse, run: Run): boolean {
  if (!synapse.inputs.every((input) => run.confirmed.has(input))) return false;
  return synapse.action.kind === "pseudo_event" || synapse.priority >= run.abortPriority;
}

/**
 * Executes the whole graph. After a failure, only pseudo actions and synapses of INFINITY
 * priority still fire; the graph then counts as complete (Pacemaker's "Stopped"). It is
 * incomplete only when synapses are left whose inputs can never complete without a failure.
 */
export function executeGraph(graph: TransitionGraph, context: ExecutionContext): ExecutionResult {
  const run: Run = {
    context,
    lines: [],
    confirmed: new Set(),
    abortPriority: 0,
  };
  const pending = new Set(graph.synapses.map((synapse) => synapse.id));
  let fired = true;
  while (fired) {
    fired = false;
    for (const synapse of graph.synapses) {
      if (!pending.has(synapse.id) || !ready(synapse, run)) continue;
      pending.delete(synapse.id);
      fire(synapse, run);
      fired = true;
    }
  }
  return { lines: run.lines, complete: pending.size === 0 || run.abortPriority > 0 };
}
/** Ids of resources outside clones and of every history entry (see `knownNames`). */
export function knownResourceNames(cib: XmlElement): Set<string> {
  const names = new Set<string>();
  const visit = (parent: XmlElement, insideClone: boolean): void => {
    for (const child of parent.children) {
      if (child.kind !== "element") continue;
      const isResource = ["primitive", "group", "clone", "master", "bundle"].includes(child.name);
      if (isResource && !insideClone) names.add(child.attributes["id"] ?? "");
      const clone = child.name === "clone" || child.name === "master";
      if (isResource || child.name === "resources" || child.name === "configuration")
        visit(child, insideClone || clone);
      if (child.name === "lrm_resource") names.add(child.attributes["id"] ?? "");
      if (["status", "node_state", "lrm", "lrm_resources"].includes(child.name))
        visit(child, false);
    }
  };
  visit(cib, false);
  return names;
}
