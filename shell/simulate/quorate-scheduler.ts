/**
 * crm_simulate's scheduler: quorate's pure `schedule()` (daemons/scheduler), its graph turned
 * into the graph crm_simulate executes and writes — resource agents, parameters and the
 * `CRM_meta_*` entries (timeouts, intervals, expected results, node names and uuids)
 * filled in from the unpacked model, as Pacemaker's graph carries them.
 */
import type { Result } from "../../backend/base/index.js";
import { fail, ok } from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import type {
  ClusterModel,
  PrimitiveModel,
  ResourceModel,
  TransitionGraph as SchedulerGraph,
} from "../../daemons/scheduler/index.js";
import { schedule } from "../../daemons/scheduler/index.js";
import type { GraphAction, GraphResource, GraphSynapse, TransitionGraph } from "./graph.js";
import type { SchedulePlan } from "./plan.js";

type SchedulerAction = SchedulerGraph["actions"][number];

const unitMs: Record<string, number> = {
  ms: 1,
  msec: 1,
  s: 1000,
  sec: 1000,
  m: 60000,
  min: 60000,
  h: 3600000,
  hr: 3600000,
};

/** A Pacemaker duration ("20s", "90", "1min", "500ms") in milliseconds. */
export function durationMs(text: string | undefined, fallback: number): number {
  const match = /^\s*(\d+)\s*([a-z]*)\s*$/.exec(text ?? "");
  if (match === null) return fallback;
  const factor = unitMs[match[2] === "" ? "s" : (match[2] ?? "s")];
  return factor === undefined ? fallback : Number.parseInt(match[1] ?? "0", 10) * factor;
}

function anonymousCloneOf(resource: ResourceModel): boolean {
  for (let parent = resource.parent; parent !== undefined; parent = parent.parent) {
    if (parent.kind === "clone") return !parent.globallyUnique;
  }
  return false;
}

function graphResource(primitive: PrimitiveModel): GraphResource {
  const anonymous = anonymousCloneOf(primitive) && primitive.baseId !== primitive.id;
  return {
    id: anonymous ? primitive.baseId : primitive.id,
    longId: anonymous ? primitive.id : undefined,
    className: primitive.className,
    provider: primitive.provider,
    type: primitive.type,
  };
}

function operationTimeout(
  model: ClusterModel,
  primitive: PrimitiveModel,
  action: SchedulerAction,
): number {
  const task = action.task === "monitor" && action.intervalMs === 0 ? "monitor" : action.task;
  const configured = primitive.operations.find(
    (operation) => operation.name === task && operation.intervalMs === action.intervalMs,
  );
  const fallback = durationMs(model.opDefaults.get("timeout"), 20000);
  return durationMs(configured?.timeout, fallback);
}

function attributesOf(
  model: ClusterModel,
  action: SchedulerAction,
  primitive: PrimitiveModel | undefined,
): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [name, value] of primitive?.instance ?? []) attributes.set(name, value);
  if (action.intervalMs > 0) attributes.set("CRM_meta_interval", String(action.intervalMs));
  if (primitive !== undefined && action.intervalMs > 0)
    attributes.set("CRM_meta_name", action.task);
  const node = action.node === undefined ? undefined : model.nodeByName.get(action.node);
  if (node !== undefined) {
    attributes.set("CRM_meta_on_node", node.name);
    attributes.set("CRM_meta_on_node_uuid", node.id);
  }
  for (const [name, value] of Object.entries(action.meta)) {
    attributes.set(`CRM_meta_${name === "target_rc" ? "op_target_rc" : name}`, value);
  }
  if (primitive !== undefined)
    attributes.set("CRM_meta_timeout", String(operationTimeout(model, primitive, action)));
  return attributes;
}

function convertAction(model: ClusterModel, action: SchedulerAction): GraphAction {
  const found = action.resource === undefined ? undefined : model.resourceById.get(action.resource);
  const primitive = found?.kind === "primitive" ? found : undefined;
  const clusterTask = ["stonith", "do_shutdown", "clear_failcount", "lrm_delete"].includes(
    action.task,
  );
  const kind = action.pseudo
    ? "pseudo_event"
    : primitive === undefined || clusterTask
      ? "crm_event"
      : "rsc_op";
  return {
    id: action.id,
    kind,
    operation: action.task,
    operationKey: action.key,
    node: action.pseudo ? undefined : action.node,
    nodeUuid:
      action.pseudo || action.node === undefined
        ? undefined
        : model.nodeByName.get(action.node)?.id,
    resource:
      primitive === undefined || kind === "pseudo_event" ? undefined : graphResource(primitive),
    attributes: attributesOf(model, action, kind === "rsc_op" ? primitive : undefined),
  };
}

function graphAttributes(model: ClusterModel): Record<string, string> {
  return {
    "cluster-delay": model.options.all.get("cluster-delay") ?? "60s",
    "stonith-timeout": model.options.all.get("stonith-timeout") ?? "60s",
    "failed-stop-offset": "INFINITY",
    "failed-start-offset": model.options.startFailureIsFatal ? "INFINITY" : "1",
    "batch-limit": model.options.all.get("batch-limit") ?? "0",
    transition_id: "0",
  };
}

function priorityOf(resource: ResourceModel): number {
  const priority = Number.parseInt(resource.meta.get("priority") ?? "0", 10);
  return Number.isNaN(priority) ? 0 : priority;
}

/** Resource ids in the order Pacemaker adds their actions to the graph (clones: children first). */
function graphResourceOrder(model: ClusterModel): string[] {
  const order: string[] = [];
  const visit = (resource: ResourceModel): void => {
    if (resource.kind === "clone") {
      for (const instance of resource.instances) visit(instance);
      order.push(resource.id);
      return;
    }
    order.push(resource.id);
    if (resource.kind === "group") for (const child of resource.children) visit(child);
  };
  const topLevel = model.resources
    .map((resource, index) => ({ resource, index }))
    .sort((a, b) => priorityOf(b.resource) - priorityOf(a.resource) || a.index - b.index);
  for (const { resource } of topLevel) visit(resource);
  return order;
}

const isProbe = (action: SchedulerAction): boolean =>
  action.task === "monitor" && action.intervalMs === 0 && !action.pseudo;

/**
 * A resource's actions newest first. Pacemaker creates every probe before any other action,
 * so probes come last; among the rest, and among probes, later creation comes first.
 */
const newestFirst = (actions: readonly SchedulerAction[]): SchedulerAction[] =>
  [...actions].sort((a, b) => Number(isProbe(a)) - Number(isProbe(b)) || b.id - a.id);

/**
 * Synapse order as Pacemaker's graph producer makes it: resources in scheduling order, each
 * resource's actions newest first (its action list is built by prepending), then the node
 * actions (fencing, shutdown) newest first. Execution passes follow this order.
 */
function synapseOrder(model: ClusterModel, graph: SchedulerGraph): SchedulerAction[] {
  const byResource = new Map<string, SchedulerAction[]>();
  const nodeActions: SchedulerAction[] = [];
  for (const action of graph.actions) {
    if (action.resource === undefined || !model.resourceById.has(action.resource)) {
      nodeActions.push(action);
    } else {
      byResource.set(action.resource, [...(byResource.get(action.resource) ?? []), action]);
    }
  }
  const ordered: SchedulerAction[] = [];
  for (const id of graphResourceOrder(model)) {
    ordered.push(...newestFirst(byResource.get(id) ?? []));
    byResource.delete(id);
  }
  for (const actions of byResource.values()) ordered.push(...newestFirst(actions));
  return [...ordered, ...newestFirst(nodeActions)];
}

export function convertGraph(model: ClusterModel, graph: SchedulerGraph): TransitionGraph {
  const inputs = new Map<number, number[]>();
  for (const edge of graph.edges) {
    inputs.set(edge.after, [...(inputs.get(edge.after) ?? []), edge.before]);
  }
  const synapses: GraphSynapse[] = synapseOrder(model, graph).map((action, index) => ({
    id: index,
    priority: 0,
    action: convertAction(model, action),
    inputs: inputs.get(action.id) ?? [],
  }));
  return { attributes: graphAttributes(model), synapses };
}

function summaryItem(line: string): string {
  return line.replace(/^\s*\*\s/, "");
}

/** Schedules with quorate's scheduler; `now` is the -t date. */
export function scheduleWithQuorate(
  cib: XmlElement,
  now: string | undefined,
): Result<SchedulePlan> {
  const result = schedule(cib, now === undefined ? {} : { now });
  if (result.model === undefined) return fail(result.issues);
  return ok(
    {
      summary: result.summary.map(summaryItem),
      scores: result.scores,
      graph: convertGraph(result.model, result.graph),
    },
    result.issues,
  );
}
