import {
  element,
  emptyCib,
  firstChild,
  writeXml,
  type XmlElement,
} from "../../backend/cib/index.js";
import { cibDigest, type PersistedCib } from "../cib/index.js";

export interface SimResourcesOptions {
  /** Primitives `d1`…`dN` (ocf:heartbeat:Dummy with a monitor). */
  readonly dummies: number;
  readonly monitorIntervalMs: number;
  readonly migrationThreshold?: number;
  /** failure-timeout of every Dummy (`2s`): failures are forgotten after it. */
  readonly failureTimeout?: string;
  /** A location preference (`rsc_location` with a score). */
  readonly prefer?: { readonly resource: string; readonly node: string; readonly score: number };
  readonly noQuorumPolicy?: string;
}

function nvpair(set: string, name: string, value: string): XmlElement {
  return element("nvpair", { id: `${set}-${name}`, name, value });
}

function dummy(id: string, options: SimResourcesOptions): XmlElement {
  const children = [
    element("operations", {}, [
      element("op", {
        name: "monitor",
        interval: `${options.monitorIntervalMs}ms`,
        timeout: "20s",
        id: `${id}-monitor-${options.monitorIntervalMs}ms`,
      }),
    ]),
  ];
  const meta = [
    ...(options.migrationThreshold === undefined
      ? []
      : [["migration-threshold", String(options.migrationThreshold)] as const]),
    ...(options.failureTimeout === undefined
      ? []
      : [["failure-timeout", options.failureTimeout] as const]),
  ];
  if (meta.length > 0) {
    const setId = `${id}-meta_attributes`;
    children.unshift(
      element(
        "meta_attributes",
        { id: setId },
        meta.map(([name, value]) => nvpair(setId, name, value)),
      ),
    );
  }
  return element("primitive", { id, class: "ocf", provider: "heartbeat", type: "Dummy" }, children);
}

/**
 * The CIB every simulated node starts with: fencing on (a simulated fence device), the
 * no-quorum-policy, and the Dummy primitives. Nodes and status are left to the controller.
 */
export function simControllerCib(options: SimResourcesOptions): PersistedCib {
  const cib = emptyCib();
  const configuration = firstChild(cib, "configuration");
  const crmConfig =
    configuration === undefined ? undefined : firstChild(configuration, "crm_config");
  const resources =
    configuration === undefined ? undefined : firstChild(configuration, "resources");
  crmConfig?.children.push(
    element("cluster_property_set", { id: "cib-bootstrap-options" }, [
      nvpair("cib-bootstrap-options", "stonith-enabled", "true"),
      nvpair("cib-bootstrap-options", "no-quorum-policy", options.noQuorumPolicy ?? "stop"),
    ]),
  );
  resources?.children.push(
    element("primitive", { id: "fencing", class: "stonith", type: "fence_sim" }),
  );
  for (let index = 1; index <= options.dummies; index += 1)
    resources?.children.push(dummy(`d${index}`, options));
  const constraints =
    configuration === undefined ? undefined : firstChild(configuration, "constraints");
  const { prefer } = options;
  if (prefer !== undefined) {
    constraints?.children.push(
      element("rsc_location", {
        id: `prefer-${prefer.resource}`,
        rsc: prefer.resource,
        node: prefer.node,
        score: String(prefer.score),
      }),
    );
  }
  return { cibXml: writeXml(cib), digest: cibDigest(cib) };
}
