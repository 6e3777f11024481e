/** The transition graph: actions that will be executed, with their ordering inputs. */
import type { ActionState, Edge, Working } from "./working.js";
import { Order } from "./working.js";

export interface GraphAction {
  readonly id: number;
  /** Operation key (`rsc_start_0`) or node/pseudo action name. */
  readonly key: string;
  readonly task: string;
  readonly resource: string | undefined;
  readonly node: string | undefined;
  readonly intervalMs: number;
  readonly pseudo: boolean;
  /** Extra attributes (`stonith_action`, `target_rc`). */
  readonly meta: Readonly<Record<string, string>>;
}

export interface GraphEdge {
  /** Prerequisite action id. */
  readonly before: number;
  readonly after: number;
}

export interface TransitionGraph {
  readonly actions: readonly GraphAction[];
  readonly edges: readonly GraphEdge[];
}

function inGraph(action: ActionState): boolean {
  if (action.resource !== undefined && !action.resource.managed && !action.pseudo && action.intervalMs === 0 && action.task !== "monitor") {
    return false;
  }
  return action.runnable && (!action.optional || action.printAlways && action.runnable);
}

/** Orderings the graph leaves out (pcmk_graph_producer.c should_add_input_to_graph). */
function ignoredInput(edge: Edge, action: ActionState): boolean {
  if (edge.type === Order.none) return true;
  const input = edge.action;
  if (edge.type === Order.load) {
    const node = action.task === "migrate_to" ? action.resource?.assignedTo : action.node;
    return input.node === undefined || input.node !== node;
  }
  if (edge.type & Order.applyFirstNonMigratable && input.migrateRunnable) return true;
  return edge.type === Order.optional && input.migrateRunnable && input.key.endsWith("_stop_0");
}

export function buildGraph(working: Working): TransitionGraph {
  const included = working.actions.filter((action) => inGraph(action));
  const ids = new Map<ActionState, number>();
  included.forEach((action, index) => ids.set(action, index));
  const actions: GraphAction[] = included.map((action, index) => ({
    id: index, key: action.key, task: action.task, resource: action.resource?.id,
    node: action.node, intervalMs: action.intervalMs, pseudo: action.pseudo,
    meta: Object.fromEntries(action.meta),
  }));
  const edges: GraphEdge[] = [];
  for (const action of included) {
    const after = ids.get(action);
    if (after === undefined) continue;
    for (const edge of action.before) {
      if (ignoredInput(edge, action)) continue;
      const before = ids.get(edge.action);
      if (before === undefined) continue;
      edges.push({ before, after });
    }
  }
  return { actions, edges };
}

/** Lines as crm_simulate's "Executing Cluster Transition" prints them, in graph passes. */
export function formatExecution(graph: TransitionGraph): string[] {
  const inputs = new Map<number, number[]>();
  for (const edge of graph.edges) inputs.set(edge.after, [...(inputs.get(edge.after) ?? []), edge.before]);
  const done = new Set<number>();
  const lines: string[] = [];
  while (done.size < graph.actions.length) {
    const ready = graph.actions.filter((action) => !done.has(action.id) && (inputs.get(action.id) ?? []).every((id) => done.has(id)));
    if (ready.length === 0) break;
    for (const action of ready) {
      done.add(action.id);
      lines.push(formatGraphAction(action));
    }
  }
  return lines;
}

/** Resource-related actions the DC carries out itself rather than the resource's agent. */
const clusterTasks = new Set(["lrm_delete", "clear_failcount"]);

function formatGraphAction(action: GraphAction): string {
  if (action.task === "stonith") return `  * Fencing ${action.node ?? ""} (${action.meta["stonith_action"] ?? "reboot"})`;
  if (!action.pseudo && action.resource === undefined && action.node !== undefined) {
    return `  * Cluster action:  ${action.task} on ${action.node}`;
  }
  if (!action.pseudo && clusterTasks.has(action.task)) {
    return `  * Cluster action:  ${action.task} for ${action.resource ?? ""} on ${action.node ?? ""}`;
  }
  if (action.pseudo || action.resource === undefined) {
    return `  * Pseudo action:   ${action.key}${action.node === undefined ? "" : ` on ${action.node}`}`;
  }
  const task = action.intervalMs > 0 ? `${action.task}=${action.intervalMs}` : action.task;
  return `  * Resource action: ${action.resource.padEnd(15)} ${task} on ${action.node ?? ""}`;
}
