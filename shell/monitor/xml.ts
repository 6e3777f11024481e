/** crm_mon --output-as=xml: Pacemaker's `<pacemaker-result>` document, built with xmlbuilder2. */
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import type { ClusterModel, ResourceModel } from "../../daemons/scheduler/index.js";
import { formatCtime, formatIsoUtc } from "./dates.js";
import { listedFailures } from "./failure-expiry.js";
import { shownAttributes } from "./node-sections.js";
import { pingExpectation } from "./ping-attributes.js";
import type { MonitorOptions } from "./options.js";
import { executionStatusName, ocfExitName } from "../../backend/ra/index.js";
import { resourceXml } from "./xml-resources.js";
import { resourcesByPriority } from "../render/status/index.js";
import { clusterSummary } from "./summary.js";
import { bansXml, clusterOptionsXml, nodeHistoryXml } from "./xml-history.js";
import type { MonitorInput } from "./text.js";

const apiVersion = "2.25";

function flag(value: boolean): string {
  return value ? "true" : "false";
}

function summaryXml(parent: XMLBuilder, input: MonitorInput): void {
  const summary = clusterSummary(input.cib, input.model);
  const element = parent.ele("summary");
  element.ele("stack", { type: summary.stack });
  const dc = summary.dc;
  if (dc === undefined) element.ele("current_dc", { present: "false" });
  else {
    element.ele("current_dc", {
      present: "true",
      version: dc.version === "unknown" ? "" : dc.version,
      name: dc.name,
      id: dc.id,
      with_quorum: flag(summary.withQuorum),
      mixed_version: "false",
    });
  }
  element.ele("last_update", { time: formatCtime(input.now) });
  const change = summary.lastChange;
  element.ele("last_change", {
    time: change.time,
    user: change.user,
    client: change.client,
    origin: change.origin,
  });
  element.ele("nodes_configured", { number: String(summary.nodesConfigured) });
  element.ele("resources_configured", {
    number: String(summary.instances),
    disabled: String(summary.disabled),
    blocked: String(summary.blocked),
  });
  clusterOptionsXml(element, input.model);
}

function runningCount(model: ClusterModel, node: string): number {
  let count = 0;
  const visit = (resource: ResourceModel): void => {
    if (resource.kind === "group") resource.children.forEach(visit);
    else if (resource.kind === "clone") resource.instances.forEach(visit);
    else if (resource.activeOn.has(node)) count += 1;
  };
  model.resources.forEach(visit);
  return count;
}

function nodesXml(parent: XMLBuilder, model: ClusterModel): void {
  const element = parent.ele("nodes");
  for (const node of model.nodes) {
    element.ele("node", {
      name: node.name,
      id: node.id,
      online: flag(node.online),
      // Pacemaker reads standby from the attributes only for nodes the status section records.
      standby: flag(node.standby && !node.unseen),
      standby_onfail: flag(node.standbyOnFail),
      maintenance: flag(node.maintenance && !node.unseen),
      pending: flag(node.pending),
      unclean: flag(node.unclean),
      health: "green",
      ...(node.online ? { feature_set: node.attributes.get("#feature-set") ?? "<3.15.1" } : {}),
      shutdown: flag(node.shutdown),
      expected_up: flag(node.expectedUp && !node.shutdown),
      is_dc: flag(node.isDc),
      resources_running: String(runningCount(model, node.name)),
      type: node.type === "remote" ? "remote" : "member",
    });
  }
}

function attributesXml(parent: XMLBuilder, model: ClusterModel): void {
  const nodes = model.nodes.filter((node) => node.online && shownAttributes(node).length > 0);
  if (nodes.length === 0) return;
  const element = parent.ele("node_attributes");
  for (const node of nodes) {
    const entry = element.ele("node", { name: node.name });
    for (const [name, value] of shownAttributes(node)) {
      const expected = pingExpectation(model, node, name);
      entry.ele("attribute", {
        name,
        value,
        ...(expected === undefined ? {} : { expected: String(expected) }),
      });
    }
  }
}

function failuresXml(parent: XMLBuilder, input: MonitorInput): void {
  const failures = listedFailures(input.cib, input.model);
  if (failures.length === 0) return;
  const element = parent.ele("failures");
  for (const failure of failures) {
    const raw = failure.recorded;
    const failureElement = element.ele("failure", {
      ...(failure.hasOperationKey
        ? { op_key: failure.operationKey }
        : { id: failure.operationKey }),
      node: failure.node,
      exitstatus: ocfExitName(failure.rc),
      exitreason: raw["exit-reason"] ?? "none",
      exitcode: String(failure.rc),
      call: raw["call-id"] ?? "",
      status: executionStatusName(failure.status),
    });
    if (failure.lastRcChange === undefined || failure.lastRcChange <= 0) continue;
    failureElement.att({
      "last-rc-change": formatIsoUtc(failure.lastRcChange),
      ...(raw["queue-time"] === undefined ? {} : { queued: raw["queue-time"] }),
      ...(raw["exec-time"] === undefined ? {} : { exec: raw["exec-time"] }),
      interval: String(failure.intervalMs),
      task: failure.task,
    });
  }
}

/** The XML document; `request` is the command line Pacemaker echoes. */
export function renderMonitorXml(
  input: MonitorInput,
  options: MonitorOptions,
  request: string,
): string {
  const root = create().ele("pacemaker-result", { "api-version": apiVersion, request });
  summaryXml(root, input);
  nodesXml(root, input.model);
  const shown = resourcesByPriority(input.model.resources).filter(
    (resource) =>
      !(resource.kind === "primitive" && resource.orphan && resource.activeOn.size === 0),
  );
  if (shown.length > 0) {
    const resources = root.ele("resources");
    for (const resource of shown) resourceXml(resources, resource, input.model);
  }
  attributesXml(root, input.model);
  nodeHistoryXml(root, input.cib, input.model);
  failuresXml(root, input);
  bansXml(root, input.model);
  root.ele("status", { code: "0", message: "OK" });
  return `${root.end({ prettyPrint: true, headless: true })}\n`;
}
