export { SimCluster, SimViolation } from "./cluster.js";
export { SimReachability } from "./membership-reachability.js";
export type { ReachabilityFaults, ReachabilityReport } from "./membership-reachability.js";
export type { SimClusterOptions } from "./cluster.js";
export { SimNode, quorumGroup } from "./sim-node.js";
export type { SimNodeOptions } from "./sim-node.js";
export { SimNetwork, perfectNetwork } from "./network.js";
export type { NetworkFaults, PartitionMode } from "./network.js";
export type { SimEvent, SimEventKind } from "./events.js";
export type { Checker } from "./checkers.js";
export {
  converged,
  deliveryInView,
  ownBroadcasts,
  ringSeqGrows,
  safetyCheckers,
  singleQuoratePartition,
  totalOrder,
  viewAgreement,
  virtualSynchrony,
} from "./checkers.js";
export type { SwarmPlan } from "./faults.js";
export { injectFault, swarmPlan } from "./faults.js";
export { SimCibCluster } from "./cib-cluster.js";
export type { SimCibOptions } from "./cib-cluster.js";
export type { SimCibWrite } from "./cib-workload.js";
export { holdsWrite, makeSimWrite } from "./cib-workload.js";
export { SimControllerCluster } from "./controller-cluster.js";
export type { SimControllerOptions, SimDaemons } from "./controller-cluster.js";
export { SimExecutor } from "./sim-executor.js";
export type { SimExecutorOptions } from "./sim-executor.js";
export { simControllerCib } from "./controller-cib.js";
export type { SimResourcesOptions } from "./controller-cib.js";
export { checkControllerStep, stoppedResources, unsteadiness } from "./controller-checkers.js";
export { SimFencerCluster } from "./fencer-cluster.js";
export type { SimAgentAnswer } from "./fencer-agent.js";
export { simAgentMetadata, simAgentRun, simFencingConfig } from "./fencer-agent.js";
