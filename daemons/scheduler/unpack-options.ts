/** Cluster options (`crm_config`) with Pacemaker's defaults. */
import { firstChild, type XmlElement } from "../../backend/cib/index.js";
import type { ClusterOptions, NoQuorumPolicy, PlacementStrategy } from "./model.js";
import { booleanOption, readNvpairSets, type NvpairContext } from "./nvpairs.js";

const noQuorumPolicies: readonly NoQuorumPolicy[] = ["stop", "freeze", "ignore", "demote", "suicide"];
const placementStrategies: readonly PlacementStrategy[] = [
  "default", "utilization", "balanced", "minimal",
];

export function unpackOptions(configuration: XmlElement | undefined, context: NvpairContext): ClusterOptions {
  const all = new Map<string, string>();
  const crmConfig = configuration === undefined ? undefined : firstChild(configuration, "crm_config");
  if (crmConfig !== undefined) readNvpairSets(crmConfig, "cluster_property_set", context, all);
  const text = (name: string): string | undefined => all.get(name);
  const flag = (name: string, fallback: boolean): boolean => booleanOption(text(name), fallback);
  const policy = (text("no-quorum-policy") ?? "stop").toLowerCase() as NoQuorumPolicy;
  const placement = (text("placement-strategy") ?? "default").toLowerCase() as PlacementStrategy;
  return {
    stonithEnabled: flag("stonith-enabled", true),
    stonithAction: (text("stonith-action") ?? "reboot").replace("poweroff", "off"),
    noQuorumPolicy: noQuorumPolicies.includes(policy) ? policy : "stop",
    symmetricCluster: flag("symmetric-cluster", true),
    maintenanceMode: flag("maintenance-mode", false),
    startFailureIsFatal: flag("start-failure-is-fatal", true),
    stopOrphanResources: flag("stop-orphan-resources", true),
    stopOrphanActions: flag("stop-orphan-actions", true),
    stopAllResources: flag("stop-all-resources", false),
    enableStartupProbes: flag("enable-startup-probes", true),
    startupFencing: flag("startup-fencing", true),
    concurrentFencing: flag("concurrent-fencing", false),
    placementStrategy: placementStrategies.includes(placement) ? placement : "default",
    all,
  };
}

/** `rsc_defaults` or `op_defaults` meta attributes. */
export function unpackDefaults(
  configuration: XmlElement | undefined,
  section: "rsc_defaults" | "op_defaults",
  context: NvpairContext,
): Map<string, string> {
  const result = new Map<string, string>();
  const element = configuration === undefined ? undefined : firstChild(configuration, section);
  if (element === undefined) return result;
  readNvpairSets(element, "meta_attributes", context, result);
  return result;
}
