/** The scheduler: a pure function of CIB XML (see DESIGN.md). */
export type {
  ClusterModel, ClusterOptions, CloneModel, ColocationConstraint, GroupModel, LocationConstraint,
  NodeModel, NoQuorumPolicy, OnFail, OperationConfig, OperationRecord, OrderConstraint, OrderKind,
  PlacementStrategy, PrimitiveModel, ResourceModel, Role,
} from "./model.js";
export { unpackCluster, type UnpackOptions, type SchedulerIssueCode } from "./unpack.js";
export { primitivesOf } from "./unpack-resources.js";
export { canRunResources } from "./unpack-nodes.js";
export { INFINITY, formatScore, compareNatural, parseDurationMs } from "./score.js";
export { formatIsoDate } from "./dates.js";
export { schedule, type ScheduleOptions, type ScheduleResult } from "./schedule.js";
export { formatExecution, type GraphAction, type GraphEdge, type TransitionGraph } from "./graph.js";
export { parametersDigest } from "./definition-changes.js";
export { evaluateRule, type RuleContext } from "./rules.js";
export { RecheckTime } from "./recheck.js";
