/** crm_mon --output-as=xml: Pacemaker's `<pacemaker-result>` document, built with xmlbuilder2. */
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import type {
  ClusterModel,
  NodeModel,
  PrimitiveModel,
  ResourceModel,
} from "../../daemons/scheduler/index.js";
import { hasIgnoredFailure } from "../render/status/index.js";
import { formatCtime, formatIsoUtc } from "./dates.js";
import { collectFailedActions } from "./failures.js";
import { shownAttributes } from "./node-sections.js";
import type { MonitorOptions } from "./options.js";
import { executionStatusName, agentResultName } from "./results.js";
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
      standby: flag(node.standby),
      standby_onfail: flag(node.standbyOnFail),
      maintenance: flag(node.maintenance),
      pending: flag(node.pending),
      unclean: flag(node.unclean),
      health: "green",
      ...(node.online ? { feature_set: node.attributes.get("#feature-set") ?? "<3.15.1" } : {}),
      shutdown: flag(node.shutdown),
      expected_up: flag(node.expectedUp),
      is_dc: flag(node.isDc),
      resources_running: String(runningCount(model, node.name)),
      type: node.type === "remote" ? "remote" : "member",
    });
  }
}

function agentOf(primitive: PrimitiveModel): string {
  const provider = primitive.provider === undefined ? "" : `${primitive.provider}:`;
  return `${primitive.className}:${provider}${primitive.type}`;
}

function primitiveXml(
  parent: XMLBuilder,
  primitive: PrimitiveModel,
  nodes: ReadonlyMap<string, NodeModel>,
  unique: boolean,
  promotable: boolean,
): void {
  const active = primitive.activeOn.size > 0;
  const role = promotable && primitive.role === "Started" ? "Unpromoted" : primitive.role;
  const targetRole = primitive.meta.get("target-role");
  const element = parent.ele("resource", {
    id: unique ? primitive.id : primitive.baseId,
    resource_agent: agentOf(primitive),
    role,
    ...(targetRole === undefined ? {} : { target_role: targetRole }),
    active: flag(active),
    orphaned: flag(primitive.orphan),
    blocked: flag(primitive.blocked),
    managed: flag(primitive.managed),
    failed: flag(primitive.failed),
    failure_ignored: flag(hasIgnoredFailure(primitive)),
    nodes_running_on: String(primitive.activeOn.size),
  });
  for (const node of primitive.activeOn.keys()) {
    const known = nodes.get(node);
    element.ele("node", {
      name: node,
      id: known?.id ?? node,
      cached: flag(known?.online ?? false),
    });
  }
}

function resourceXml(
  parent: XMLBuilder,
  resource: ResourceModel,
  nodes: ReadonlyMap<string, NodeModel>,
  clone?: { readonly unique: boolean; readonly promotable: boolean },
): void {
  if (resource.kind === "primitive") {
    primitiveXml(parent, resource, nodes, clone?.unique ?? false, clone?.promotable ?? false);
    return;
  }
  const targetRole = resource.meta.get("target-role");
  const disabled = targetRole?.toLowerCase() === "stopped";
  const managed = flag(resource.meta.get("is-managed") !== "false");
  if (resource.kind === "group") {
    const element = parent.ele("group", {
      id: resource.id,
      number_resources: String(resource.children.length),
      managed,
      disabled: flag(disabled),
    });
    for (const child of resource.children) resourceXml(element, child, nodes, clone);
    return;
  }
  const element = parent.ele("clone", {
    id: resource.id,
    multi_state: flag(resource.promotable),
    unique: flag(resource.globallyUnique),
    managed,
    disabled: flag(disabled),
    failed: "false",
    failure_ignored: "false",
    ...(targetRole === undefined ? {} : { target_role: targetRole }),
  });
  for (const instance of resource.instances)
    resourceXml(element, instance, nodes, {
      unique: resource.globallyUnique,
      promotable: resource.promotable,
    });
}

function attributesXml(parent: XMLBuilder, model: ClusterModel): void {
  const nodes = model.nodes.filter((node) => node.online && shownAttributes(node).length > 0);
  if (nodes.length === 0) return;
  const element = parent.ele("node_attributes");
  for (const node of nodes) {
    const entry = element.ele("node", { name: node.name });
    for (const [name, value] of shownAttributes(node)) entry.ele("attribute", { name, value });
  }
}

function failuresXml(parent: XMLBuilder, input: MonitorInput): void {
  const failures = collectFailedActions(
    input.cib,
    (node) => input.model.nodeByName.get(node)?.online === true,
  );
  if (failures.length === 0) return;
  const element = parent.ele("failures");
  for (const failure of failures) {
    if (failure.status !== 0) {
      element.ele("failure", {
        id: failure.operationKey,
        node: failure.node,
        exitstatus: agentResultName(failure.rc),
        exitreason: failure.exitReason === "" ? "none" : failure.exitReason,
        exitcode: String(failure.rc),
        call: String(failure.callId),
        status: executionStatusName(failure.status),
      });
      continue;
    }
    element.ele("failure", {
      op_key: failure.operationKey,
      node: failure.node,
      exitstatus: agentResultName(failure.rc),
      exitreason: failure.exitReason === "" ? "none" : failure.exitReason,
      exitcode: String(failure.rc),
      call: String(failure.callId),
      status: executionStatusName(failure.status),
      ...(failure.lastRcChange === undefined
        ? {}
        : { "last-rc-change": formatIsoUtc(failure.lastRcChange) }),
      queued: String(failure.queueMs),
      exec: String(failure.execMs),
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
  const resources = root.ele("resources");
  for (const resource of input.model.resources) {
    resourceXml(resources, resource, input.model.nodeByName);
  }
  attributesXml(root, input.model);
  nodeHistoryXml(root, input.cib, input.model);
  failuresXml(root, input);
  bansXml(root, input.model);
  root.ele("status", { code: "0", message: "OK" });
  return `${root.end({ prettyPrint: true, headless: true })}\n`;
}
