/**
 * crm_simulate's synthetic events, applied to the CIB's status section in Pacemaker's order
 * (`pcmk__inject_scheduler_input`): quorum, watchdog, nodes up, down, failed, then injected
 * operation results with their fail counts. Pure: the wall clock is an input.
 */
import type { Issue, Result } from "../../backend/base/index.js";
import { fail, issue, ok } from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import {
  childElements,
  descendants,
  element,
  ensureChild,
  firstChild,
} from "../../backend/cib/index.js";
import type { OpSpec } from "./opspec.js";
import { parseOpSpec } from "./opspec.js";
import type { AgentOf } from "./status-section.js";
import {
  configuredNodeId,
  countUpdate,
  ensureNodeState,
  ensureResourceHistory,
  findNodeState,
  nextCallId,
  recordOperation,
  removeChildren,
  setNodeMembership,
  setTransientAttribute,
} from "./status-section.js";

export interface Injections {
  readonly quorum: string | undefined;
  readonly watchdog: string | undefined;
  readonly nodeUp: readonly string[];
  readonly nodeDown: readonly string[];
  readonly nodeFail: readonly string[];
  readonly opInject: readonly string[];
}

export type InjectCode = "unknown_node" | "unknown_resource" | "invalid_opspec";

export function hasInjections(injections: Injections): boolean {
  return (
    injections.quorum !== undefined ||
    injections.watchdog !== undefined ||
    injections.nodeUp.length + injections.nodeDown.length + injections.nodeFail.length > 0 ||
    injections.opInject.length > 0
  );
}

/** The node_state of a node known to the CIB (configured or with a status entry). */
function nodeStateFor(cib: XmlElement, name: string): Result<XmlElement, InjectCode> {
  const existing = findNodeState(cib, name);
  if (existing !== undefined) return ok(existing);
  const id = configuredNodeId(cib, name);
  if (id === undefined)
    return fail([issue("unknown_node", `Node "${name}" is not in the configuration`)]);
  return ok(ensureNodeState(cib, name, id));
}

/** Failure counts as crm_simulate injects them: not for success, nor a probe's "not running". */
export function injectFailCount(
  state: XmlElement,
  spec: Omit<OpSpec, "text" | "node">,
  now: number,
  log: string[],
): void {
  if (spec.rc === 0 || (spec.rc === 7 && spec.intervalMs === 0)) return;
  const suffix = `${spec.resource}#${spec.task}_${spec.intervalMs}`;
  const id = state.attributes["id"] ?? "";
  log.push(`Injecting attribute fail-count-${suffix}=value++ into /node_state '${id}'`);
  setTransientAttribute(state, `fail-count-${suffix}`, "value++");
  log.push(`Injecting attribute last-failure-${suffix}=${now} into /node_state '${id}'`);
  setTransientAttribute(state, `last-failure-${suffix}`, String(now));
}

/** The agent of a configured primitive (clone instance ids `rsc:N` name their primitive). */
export function agentOfResource(cib: XmlElement, resource: string): AgentOf | undefined {
  const resources = firstChild(
    firstChild(cib, "configuration") ?? element("configuration"),
    "resources",
  );
  if (resources === undefined) return undefined;
  const baseId = resource.replace(/:\d+$/, "");
  for (const candidate of descendants(resources)) {
    if (candidate.name !== "primitive" || candidate.attributes["id"] !== baseId) continue;
    const template = templateOf(cib, candidate.attributes["template"]);
    const source =
      candidate.attributes["class"] === undefined && template !== undefined ? template : candidate;
    return {
      className: source.attributes["class"] ?? "ocf",
      provider: source.attributes["provider"],
      type: source.attributes["type"] ?? "",
    };
  }
  return undefined;
}

function templateOf(cib: XmlElement, id: string | undefined): XmlElement | undefined {
  if (id === undefined) return undefined;
  for (const candidate of descendants(cib)) {
    if (candidate.name === "template" && candidate.attributes["id"] === id) return candidate;
  }
  return undefined;
}

function injectOperation(
  cib: XmlElement,
  text: string,
  now: number,
  log: string[],
): Issue<InjectCode>[] {
  log.push(`Injecting ${text} into the configuration`);
  const parsed = parseOpSpec(text);
  if (!parsed.ok) return [...parsed.issues];
  const spec = parsed.value;
  const agent = agentOfResource(cib, spec.resource);
  if (agent === undefined)
    return [issue("unknown_resource", `Invalid resource name: ${spec.resource}`)];
  const state = nodeStateFor(cib, spec.node);
  if (!state.ok) return [...state.issues];
  injectFailCount(state.value, spec, now, log);
  const history = ensureResourceHistory(state.value, [spec.resource], agent);
  recordOperation(history, {
    resource: spec.resource,
    task: spec.task,
    intervalMs: spec.intervalMs,
    rc: spec.rc,
    opStatus: 0,
    callId: nextCallId(history),
    targetRc: 0,
    exitReason: "Simulated action result",
    now,
  });
  countUpdate(cib);
  return [];
}

function setWatchdog(cib: XmlElement, value: string): void {
  const config = ensureChild(ensureChild(cib, "configuration"), "crm_config");
  for (const set of childElements(config, "cluster_property_set")) {
    const pair = childElements(set, "nvpair").find(
      (candidate) => candidate.attributes["name"] === "have-watchdog",
    );
    if (pair !== undefined) {
      pair.attributes["value"] = value;
      return;
    }
  }
  let set = childElements(config, "cluster_property_set").find(
    (candidate) => candidate.attributes["id"] === "cib-bootstrap-options",
  );
  if (set === undefined) {
    set = element("cluster_property_set", { id: "cib-bootstrap-options" });
    config.children.push(set);
  }
  set.children.push(
    element("nvpair", { id: "cib-bootstrap-options-have-watchdog", name: "have-watchdog", value }),
  );
}

function changeNodes(cib: XmlElement, injections: Injections, log: string[]): Issue<InjectCode>[] {
  const steps: [readonly string[], string, (state: XmlElement) => void][] = [
    [injections.nodeUp, "Bringing node %s online", (state) => setNodeMembership(state, true)],
    [
      injections.nodeDown,
      "Taking node %s offline",
      (state) => {
        setNodeMembership(state, false);
        if (removeChildren(state, "lrm")) countUpdate(cib);
        if (removeChildren(state, "transient_attributes")) countUpdate(cib);
      },
    ],
    [
      injections.nodeFail,
      "Failing node %s",
      (state) => {
        setNodeMembership(state, true);
        state.attributes["in_ccm"] = "false";
      },
    ],
  ];
  for (const [names, message, change] of steps) {
    for (const name of names) {
      log.push(message.replace("%s", name));
      const state = nodeStateFor(cib, name);
      if (!state.ok) return [...state.issues];
      countUpdate(cib);
      change(state.value);
    }
  }
  return [];
}

/**
 * Applies the injections to `cib` in place and returns the lines crm_simulate prints under
 * "Performing Requested Modifications". `now` is epoch seconds for last-failure stamps.
 */
export function applyInjections(
  cib: XmlElement,
  injections: Injections,
  now: number,
): Result<string[], InjectCode> {
  const log: string[] = [];
  if (injections.quorum !== undefined) {
    log.push(`Setting quorum: ${injections.quorum}`);
    cib.attributes["have-quorum"] = injections.quorum;
    countUpdate(cib);
  }
  if (injections.watchdog !== undefined) {
    log.push(`Setting watchdog: ${injections.watchdog}`);
    setWatchdog(cib, injections.watchdog);
    countUpdate(cib);
  }
  const nodeIssues = changeNodes(cib, injections, log);
  if (nodeIssues.length > 0) return fail(nodeIssues);
  for (const text of injections.opInject) {
    const problems = injectOperation(cib, text, now, log);
    if (problems.length > 0) return fail(problems);
  }
  return ok(log);
}
