/**
 * The unpacked cluster: what the scheduler knows after reading a CIB (configuration and
 * status). Built by `unpackCluster()`; the scheduling stages read it and keep their own
 * working state beside it.
 */
import type { XmlElement } from "../../backend/cib/index.js";
import type { RecheckTime } from "./recheck.js";

export type Role = "Unknown" | "Stopped" | "Started" | "Unpromoted" | "Promoted";

export type NoQuorumPolicy = "stop" | "freeze" | "ignore" | "demote" | "suicide";
export type PlacementStrategy = "default" | "utilization" | "balanced" | "minimal";
export type OnFail = "ignore" | "demote" | "restart" | "block" | "stop" | "standby" | "fence";

export interface ClusterOptions {
  readonly stonithEnabled: boolean;
  readonly stonithAction: string;
  readonly noQuorumPolicy: NoQuorumPolicy;
  readonly symmetricCluster: boolean;
  readonly maintenanceMode: boolean;
  readonly startFailureIsFatal: boolean;
  readonly stopOrphanResources: boolean;
  readonly stopOrphanActions: boolean;
  readonly stopAllResources: boolean;
  readonly enableStartupProbes: boolean;
  readonly startupFencing: boolean;
  readonly concurrentFencing: boolean;
  readonly placementStrategy: PlacementStrategy;
  /** Every `crm_config` nvpair, by name (later sets do not override earlier ones). */
  readonly all: ReadonlyMap<string, string>;
}

export interface NodeModel {
  readonly name: string;
  readonly id: string;
  readonly type: string;
  /** Base weight from `<node score=…>`. */
  readonly score: number;
  online: boolean;
  unclean: boolean;
  pending: boolean;
  standby: boolean;
  /** Standby because a resource failed with on-fail=standby. */
  standbyOnFail: boolean;
  maintenance: boolean;
  shutdown: boolean;
  /** True when the status section has no node_state for this node. */
  unseen: boolean;
  /** The controller expects this node up (`expected="member"`). */
  expectedUp: boolean;
  isDc: boolean;
  /** Why the node must be fenced, when it is unclean. */
  fenceReason: string | undefined;
  /** Permanent (`<nodes>`) and transient (`status`) attributes; transient win. */
  readonly attributes: Map<string, string>;
  readonly utilization: Map<string, number>;
}

export interface OperationConfig {
  readonly id: string;
  readonly name: string;
  readonly intervalMs: number;
  readonly role: Role | undefined;
  readonly onFail: OnFail | undefined;
  readonly timeout: string | undefined;
  readonly enabled: boolean;
}

/** One `lrm_rsc_op` of the status section. */
export interface OperationRecord {
  readonly id: string;
  readonly task: string;
  readonly intervalMs: number;
  readonly callId: number;
  readonly rc: number;
  readonly status: number;
  readonly expectedRc: number;
  readonly lastRcChange: number | undefined;
  readonly node: string;
  /** `op-digest`: MD5 of the parameters the operation ran with. */
  readonly digest?: string;
  /** `op-restart-digest`, recorded when the agent supports reload. */
  readonly restartDigest?: string;
  /** `op-force-restart`: the parameters a reload cannot apply (space-separated). */
  readonly forceRestart?: string;
  /** migrate_to / migrate_from: the nodes a migration went from and to. */
  readonly migrateSource?: string;
  readonly migrateTarget?: string;
}

interface ResourceCommon {
  readonly id: string;
  parent: ResourceModel | undefined;
  /** Effective meta attributes (own, then parents, then rsc_defaults). */
  readonly meta: Map<string, string>;
  readonly element: XmlElement;
}

export interface PrimitiveModel extends ResourceCommon {
  readonly kind: "primitive";
  readonly className: string;
  readonly provider: string | undefined;
  readonly type: string;
  readonly instance: Map<string, string>;
  readonly utilization: Map<string, number>;
  readonly operations: readonly OperationConfig[];
  /** Id without the clone instance suffix. */
  readonly baseId: string;
  /** Current role (highest role found on any node). */
  role: Role;
  /** Role on each node where the history says it is active. */
  readonly activeOn: Map<string, Role>;
  /** Nodes with any history for this resource (probed or run). */
  readonly knownOn: Set<string>;
  failed: boolean;
  managed: boolean;
  blocked: boolean;
  orphan: boolean;
  /** Most severe on-fail of the failures found, by node. */
  readonly onFailByNode: Map<string, OnFail>;
  /** Nodes banned by hard errors in the history (-INFINITY). */
  readonly bannedNodes: Set<string>;
  bannedEverywhere: boolean;
  /** Failure count per node (after failure-timeout expiry). */
  readonly failCounts: Map<string, number>;
  /** Operations found pending (call-id -1 / op-status -1), by node. */
  readonly pendingTasks: Map<string, string>;
  /** Recurring monitors found active, as "node interval". */
  readonly activeMonitors: Set<string>;
  readonly history: OperationRecord[];
  /** on-fail=stop applied: the next role is Stopped. */
  stopOnFail: boolean;
  /** A failure requires stopping the resource (Pacemaker's pe_rsc_stop flag). */
  failureStop: boolean;
  /** Nodes where a failure requires a stop (on-fail=restart). */
  readonly recoverOn: Set<string>;
  /** The id under which the history recorded this resource (`rsc:1` for a clone instance). */
  historyName: string | undefined;
  /** Stop failed on these nodes. */
  readonly failedStopOn: Set<string>;
  /** A live migration was interrupted after migrate_to: it may continue with migrate_from. */
  partialMigration: { readonly source: string; readonly target: string } | undefined;
  /** Sources of completed migrations that still need a stop (dangling migrations). */
  readonly danglingMigrations: string[];
  /** shutdown-lock: the node it stays locked to since that node shut down (epoch seconds). */
  shutdownLock: { readonly node: string; readonly since: number } | undefined;
  /** Nodes whose history of it must be erased (an expired shutdown lock). */
  readonly clearHistoryOn: string[];
  /** A failure with on-fail=block: failure-timeout is ignored (block_failure). */
  failureTimeoutBlocked: boolean;
  /** Nodes where the fail count expired (failure-timeout): the DC clears it (clear_failcount). */
  readonly clearFailCountOn: string[];
}

export interface GroupModel extends ResourceCommon {
  readonly kind: "group";
  readonly children: ResourceModel[];
}

export interface CloneModel extends ResourceCommon {
  readonly kind: "clone";
  readonly promotable: boolean;
  readonly globallyUnique: boolean;
  readonly cloneMax: number;
  readonly cloneNodeMax: number;
  readonly promotedMax: number;
  readonly promotedNodeMax: number;
  readonly interleave: boolean;
  readonly ordered: boolean;
  readonly notify: boolean;
  readonly cloneMin: number;
  /** The configured child (primitive or group), not an instance. */
  readonly template: XmlElement;
  readonly instances: ResourceModel[];
}

export type ResourceModel = PrimitiveModel | GroupModel | CloneModel;

export interface LocationConstraint {
  readonly id: string;
  readonly resourceId: string;
  readonly role: Role | undefined;
  readonly discovery: string | undefined;
  /** Static node score, or rules evaluated per node. */
  readonly node: string | undefined;
  readonly score: number;
  readonly rules: readonly XmlElement[];
}

export interface ColocationConstraint {
  readonly id: string;
  readonly dependent: string;
  readonly primary: string;
  readonly score: number;
  readonly dependentRole: Role | undefined;
  readonly primaryRole: Role | undefined;
  readonly nodeAttribute: string;
  readonly influence: boolean | undefined;
}

export type OrderKind = "Mandatory" | "Optional" | "Serialize";

export interface OrderConstraint {
  readonly id: string;
  readonly first: string;
  readonly firstAction: string;
  readonly then: string;
  readonly thenAction: string;
  readonly kind: OrderKind;
  readonly symmetrical: boolean;
  /** Set when `first` is a require-all=false set: the members that can satisfy it. */
  readonly firstAny?: readonly string[];
  readonly setId?: string;
  /** `require-all=false` on a plain rsc_order: any one instance of a clone first suffices. */
  readonly requireAll?: boolean;
}

export type TicketLossPolicy = "stop" | "demote" | "fence" | "freeze";

/** An `rsc_ticket`: the resource runs (in `role`) only while the ticket is granted. */
export interface TicketConstraint {
  readonly id: string;
  readonly resourceId: string;
  readonly ticket: string;
  /** undefined: any role (Started and unset mean the same). */
  readonly role: Role | undefined;
  /** Unset: demote for the Promoted role, stop otherwise. */
  readonly lossPolicy: TicketLossPolicy | undefined;
}

/** A ticket's state from the status section (`<tickets><ticket_state …/>`). */
export interface TicketState {
  readonly granted: boolean;
  readonly standby: boolean;
}

export interface ClusterModel {
  readonly options: ClusterOptions;
  readonly haveQuorum: boolean;
  readonly dcUuid: string | undefined;
  /** Epoch seconds used as "now" (the CIB's execution-date, or the option). */
  readonly now: number | undefined;
  /** The earliest instant after `now` at which the result can change (recheck-by). */
  readonly recheck: RecheckTime;
  /** Nodes sorted by name (natural order). */
  readonly nodes: NodeModel[];
  readonly nodeByName: Map<string, NodeModel>;
  /** Top-level resources in configuration order. */
  readonly resources: ResourceModel[];
  /** Every resource (instances and members included) by id. */
  readonly resourceById: Map<string, ResourceModel>;
  readonly locations: LocationConstraint[];
  readonly colocations: ColocationConstraint[];
  readonly orders: OrderConstraint[];
  readonly tickets: ReadonlyMap<string, TicketState>;
  readonly ticketConstraints: TicketConstraint[];
  readonly hasFenceDevice: boolean;
  readonly rscDefaults: Map<string, string>;
  readonly opDefaults: Map<string, string>;
}
