// The executor (Pacemaker's execd): runs resource and fence agents for one node.
export type {
  AgentClassName,
  AgentReference,
  ExecutionStatus,
  Executor,
  ExecutorAction,
  ExecutorResult,
  RecurringOperation,
} from "./types.js";
export type {
  ExecutorEffect,
  ExecutorInput,
  ExecutorLimits,
  ProcessOutcome,
  Signal,
} from "./core-types.js";
export { executorLimitsDefault } from "./core-types.js";
