export type { ClientErrorCode } from "./client-error.js";
export { ClientError } from "./client-error.js";
export type { ClientCredentials, PushedMessage } from "./connection.js";
export { ClientConnection } from "./connection.js";
export type { CibChange, CibSnapshot, CibSubscription, CibTarget } from "./cib-requests.js";
export { eraseCib, patchCib, queryCib, replaceCib, subscribeCib } from "./cib-requests.js";
export { fenceReplyTimeoutMsDefault, requestFence } from "./fence-requests.js";
export {
  fenceHistory,
  listAttributes,
  queryAttribute,
  updateAttribute,
} from "./attribute-requests.js";
export type { LocalNode } from "./local-cluster.js";
export {
  liveLocalNodes,
  nodeClientTarget,
  nodeStateFiles,
  pollUntil,
  processAlive,
  stopLocalCluster,
} from "./local-cluster.js";
export { subscribeQuorum } from "./quorum-subscription.js";
export type { ClientTarget } from "./target.js";
export {
  cutLinks,
  fetchQuorumStatus,
  fetchTransportStatus,
  resolveClusterTarget,
} from "./target.js";
