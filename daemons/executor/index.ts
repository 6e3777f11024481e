// The executor (Pacemaker's execd): runs resource and fence agents for one node.
export type {
  AgentClassName,
  AgentReference,
  ExecutionStatus,
  Executor,
  ExecutorAction,
  ExecutorResult,
  RecurringOperation,
  RecurringOptions,
} from "./types.js";
export type {
  ExecutorEffect,
  ExecutorInput,
  ExecutorLimits,
  ProcessOutcome,
  Signal,
} from "./core-types.js";
export { executorLimitsDefault } from "./core-types.js";
export type { ExecutorOptions } from "./host.js";
export { agentSurroundings, createExecutor, outputBytesMaxDefault } from "./host.js";
export { ExecutorCore } from "./core.js";
export { operationKey } from "./log-result.js";
export {
  exitReasonOf,
  ocfRc,
  operationStatusCode,
  rcFromExitCode,
  rcFromFenceAgent,
  rcFromLsb,
  rcFromOcf,
} from "./exit-codes.js";
export type { AgentSurroundings, Invocation } from "./invocation.js";
export { fenceAgentInput, hostMapAlias, ocfEnvironment } from "./invocation.js";
export type { AgentSearch } from "./agent-location.js";
export { defaultAgentSearch } from "./agent-location.js";
