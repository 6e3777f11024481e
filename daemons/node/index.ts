export type { NodeOptions } from "./options.js";
export { parseNodeOptions, quoratedUsage } from "./options.js";
export type { NodeSetup } from "./setup.js";
export { loadNodeSetup } from "./setup.js";
export type { Log, LogLevel } from "./log.js";
export { fileLog } from "./log.js";
export type { RunningNode } from "./host.js";
export { startNode, stateFiles } from "./host.js";
