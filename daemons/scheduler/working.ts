/**
 * Working state of one scheduler run: per-resource placement data, actions and orderings.
 * Built from the ClusterModel by `schedule()`, changed only by the stages.
 */
import type {
  ClusterModel,
  ColocationConstraint,
  NodeModel,
  ResourceModel,
  Role,
} from "./model.js";

/** Ordering flags (Pacemaker's `pe_order_*`), as bits. */
export const Order = {
  none: 0,
  optional: 1 << 0,
  impliesThen: 1 << 1,
  impliesFirst: 1 << 2,
  promotedImpliesFirst: 1 << 3,
  runnableLeft: 1 << 4,
  restart: 1 << 5,
  oneOrMore: 1 << 6,
  asymmetrical: 1 << 7,
  serializeOnly: 1 << 8,
  sameNode: 1 << 9,
  impliesFirstPrinted: 1 << 10,
  impliesThenPrinted: 1 << 11,
  antiColocation: 1 << 12,
  probe: 1 << 13,
  stonithStop: 1 << 14,
  /** A migration step: 'first' runs only if 'then' can run as part of the migration. */
  impliesFirstMigratable: 1 << 15,
  /** An unrunnable 'first' makes 'then' a real (not pseudo, not migrating) action. */
  pseudoLeft: 1 << 16,
  /** Applies only when 'first' is not part of a migration. */
  applyFirstNonMigratable: 1 << 17,
  /** Utilization load: only between actions on the same node (a migrate_to: its target). */
  load: 1 << 18,
} as const;

export interface Edge {
  readonly action: ActionState;
  type: number;
}

export interface ActionState {
  readonly id: number;
  /** Operation key (`rsc_start_0`) or pseudo/node action name. */
  readonly key: string;
  readonly task: string;
  readonly intervalMs: number;
  readonly resource: ResourceState | undefined;
  readonly node: string | undefined;
  optional: boolean;
  runnable: boolean;
  pseudo: boolean;
  /** The action can be carried out by a live migration (Pacemaker's pe_action_migrate_runnable). */
  migrateRunnable: boolean;
  /** The stop of a completed migration's source (pe_action_dangle): it implies nothing after it. */
  dangling: boolean;
  printAlways: boolean;
  reason: string | undefined;
  readonly before: Edge[];
  readonly after: Edge[];
  requiresAny: boolean;
  runnableBefore: number;
  requiredRunnableBefore: number;
  /** Probe expected result etc. for the graph. */
  readonly meta: Map<string, string>;
}

export interface Colocation {
  readonly id: string;
  readonly dependent: ResourceState;
  readonly primary: ResourceState;
  readonly score: number;
  readonly dependentRole: Role;
  readonly primaryRole: Role;
  readonly nodeAttribute: string;
  readonly influence: boolean;
}

export interface ResourceState {
  readonly resource: ResourceModel;
  readonly id: string;
  readonly parent: ResourceState | undefined;
  readonly children: ResourceState[];
  /** Node name → score. */
  allowed: Map<string, number>;
  provisional: boolean;
  allocating: boolean;
  merging: boolean;
  assignedTo: string | undefined;
  /** The resource's score on its assigned node when it was assigned. */
  assignedWeight: number;
  role: Role;
  nextRole: Role;
  readonly runningOn: string[];
  failed: boolean;
  stopFlag: boolean;
  managed: boolean;
  blocked: boolean;
  orphan: boolean;
  startPending: boolean;
  readonly priority: number;
  readonly stickiness: number;
  readonly thisWith: Colocation[];
  readonly withThis: Colocation[];
  readonly actions: ActionState[];
  /** Clone promotion priority (sort index), when relevant. */
  promotionPriority: number;
  readonly requiresFencing: boolean;
  readonly requiresQuorum: boolean;
  /** Clone instance being pre-assigned (preferred node). */
  restarting: boolean;
  /** multiple-active=stop_unexpected applies: only the unexpected copies are stopped. */
  stopUnexpected: boolean;
  /** `allow-migrate` is set: a move may be a live migration. */
  readonly allowMigrate: boolean;
  /** Its parameters changed since it started: the next start is required (a restart). */
  definitionChanged: boolean;
  /** An interrupted live migration (cleared when it cannot continue). */
  partialMigration: { readonly source: string; readonly target: string } | undefined;
}

/** A clone's notification pseudo actions for one task (pe__clone_notif_pseudo_ops). */
export interface NotificationData {
  readonly clone: ResourceState;
  /** start, stop, promote or demote. */
  readonly task: string;
  readonly pre: ActionState | undefined;
  readonly preDone: ActionState | undefined;
  readonly post: ActionState | undefined;
  readonly postDone: ActionState | undefined;
}

export interface OrderingSpec {
  readonly id: number;
  readonly firstResource: ResourceState | undefined;
  readonly firstKey: string | undefined;
  readonly firstAction: ActionState | undefined;
  readonly thenResource: ResourceState | undefined;
  readonly thenKey: string | undefined;
  readonly thenAction: ActionState | undefined;
  readonly flags: number;
}

export interface Working {
  readonly model: ClusterModel;
  readonly nodes: readonly NodeModel[];
  readonly states: Map<string, ResourceState>;
  /** Top-level resources in scheduling order (priority, then configuration). */
  readonly topLevel: ResourceState[];
  readonly actions: ActionState[];
  readonly orderings: OrderingSpec[];
  readonly colocations: Colocation[];
  readonly scores: string[];
  /** Resources assigned per node (the "fewest assigned" tie-break). */
  readonly assignedCount: Map<string, number>;
  /** Remaining utilization capacity per node. */
  readonly capacity: Map<string, Map<string, number>>;
  readonly fenceActions: ActionState[];
  readonly singletons: Map<string, ActionState>;
  /** Clone notifications (notify=true): one per clone and notified task. */
  readonly notifications: NotificationData[];
}

/** Records an ordering between two resources' actions, resolved by key once actions exist. */
export function pushOrdering(
  working: Working,
  first: { resource: ResourceState | undefined; key: string; action?: ActionState },
  then: { resource: ResourceState | undefined; key: string; action?: ActionState },
  flags: number,
): OrderingSpec {
  const spec: OrderingSpec = {
    id: working.orderings.length,
    firstResource: first.resource,
    firstKey: first.key,
    firstAction: first.action,
    thenResource: then.resource,
    thenKey: then.key,
    thenAction: then.action,
    flags,
  };
  working.orderings.push(spec);
  return spec;
}

export function operationKey(resourceId: string, task: string, intervalMs = 0): string {
  return `${resourceId}_${task}_${intervalMs}`;
}

export function newAction(
  working: Working,
  spec: {
    key: string;
    task: string;
    resource: ResourceState | undefined;
    node: string | undefined;
    optional: boolean;
    intervalMs?: number;
  },
): ActionState {
  const action: ActionState = {
    id: working.actions.length,
    key: spec.key,
    task: spec.task,
    intervalMs: spec.intervalMs ?? 0,
    resource: spec.resource,
    node: spec.node,
    optional: spec.optional,
    runnable: true,
    pseudo: false,
    migrateRunnable: false,
    dangling: false,
    printAlways: false,
    reason: undefined,
    before: [],
    after: [],
    requiresAny: false,
    runnableBefore: 0,
    requiredRunnableBefore: 0,
    meta: new Map(),
  };
  working.actions.push(action);
  spec.resource?.actions.unshift(action);
  return action;
}

/**
 * Adds an ordering edge (order_actions): an existing edge sharing a flag makes this a no-op;
 * otherwise the new edge goes first in both lists, as Pacemaker prepends.
 */
export function orderActions(first: ActionState, then: ActionState, type: number): boolean {
  if (type === Order.none || first === then) return false;
  if (first.after.some((edge) => edge.action === then && (edge.type & type) !== 0)) return false;
  first.after.unshift({ action: then, type });
  then.before.unshift({ action: first, type });
  return true;
}

export function setReason(
  action: ActionState,
  reason: string | undefined,
  overwrite: boolean,
): void {
  if (action.reason !== undefined && !overwrite) return;
  action.reason = reason;
}

export function isAvailable(node: NodeModel | undefined): boolean {
  return (
    node !== undefined &&
    node.online &&
    !node.shutdown &&
    !node.unclean &&
    !node.standby &&
    !node.standbyOnFail &&
    !node.maintenance
  );
}

export function findActions(state: ResourceState, key: string, node?: string): ActionState[] {
  return state.actions.filter(
    (action) =>
      action.key === key &&
      (node === undefined || action.node === undefined || action.node === node),
  );
}

export function findActionsExact(
  state: ResourceState,
  key: string,
  node: string | undefined,
): ActionState[] {
  return state.actions.filter((action) => action.key === key && action.node === node);
}

/** The node a resource counts as active on: a partial migration's source, else its first. */
export function currentNode(state: ResourceState): string | undefined {
  return state.partialMigration?.source ?? state.runningOn[0];
}

export function uberParent(state: ResourceState): ResourceState {
  let current = state;
  while (current.parent !== undefined) current = current.parent;
  return current;
}

export function primitiveStates(state: ResourceState): ResourceState[] {
  if (state.children.length === 0) return state.resource.kind === "primitive" ? [state] : [];
  return state.children.flatMap((child) => primitiveStates(child));
}

export function unusedColocation(constraint: ColocationConstraint): boolean {
  return constraint.score === 0;
}
