export type { ClientErrorCode } from "./client-error.js";
export { ClientError } from "./client-error.js";
export { ClientConnection } from "./connection.js";
export type { LocalNode } from "./local-cluster.js";
export {
  liveLocalNodes,
  nodeClientTarget,
  nodeStateFiles,
  pollUntil,
  processAlive,
  stopLocalCluster,
} from "./local-cluster.js";
export type { ClientTarget } from "./target.js";
export {
  cutLinks,
  fetchQuorumStatus,
  fetchTransportStatus,
  resolveClusterTarget,
} from "./target.js";
