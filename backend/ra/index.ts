// Resource agents: meta-data parsing and formatting (pure), discovery and meta-data runs (edge).
export type { AgentAction, AgentMetadata, AgentParameter, MetadataCode } from "./metadata.js";
export { parseAgentMetadata } from "./metadata.js";
export type { AgentClass, AgentSpec, AgentSpecCode } from "./agent-spec.js";
export {
  agentClasses,
  formatAgentSpec,
  isAgentClass,
  parseAgentSpec,
  pickProvider,
} from "./agent-spec.js";
export type { AgentInfoOptions } from "./format-info.js";
export { formatAgentInfo, formatColumns } from "./format-info.js";
export { initInfoFields, lsbMetadata } from "./lsb-metadata.js";
export { fencerView } from "./stonith-metadata.js";
export type { AgentDirectories } from "./agent-directories.js";
export {
  agentDirectories,
  bundledFenceDirectory,
  bundledOcfRoot,
  bundledToolsDirectory,
  isExecutableFile,
} from "./agent-directories.js";
export {
  availableClasses,
  fenceAgentPath,
  lsbTypes,
  ocfAgentPath,
  ocfProviders,
  ocfProvidersOf,
  ocfTypes,
  stonithTypes,
  systemdTypes,
} from "./discovery.js";
export type { AgentLookupCode, DescribedAgent, MetadataRunOptions } from "./agent-metadata.js";
export { describeAgent, installedOcfProviders, metadataEnvironment } from "./agent-metadata.js";
export type { ProgramRun, RunOptions } from "./run-agent.js";
export { runProgram } from "./run-agent.js";
export { executionStatusName, exitReasonOf, ocfExitName } from "./exit-codes.js";
export type { Validation } from "./validate-agent.js";
export { validateAgent } from "./validate-agent.js";
