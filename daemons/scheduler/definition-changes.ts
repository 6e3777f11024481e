/**
 * Resource definition changes (pcmk__handle_rsc_config_changes): an active resource whose
 * recorded `op-digest` no longer matches the digest of its current parameters is restarted
 * ("due to resource definition change"), or reloaded when its agent supports reload
 * (`op-restart-digest` recorded) and only reloadable parameters changed.
 *
 * The digest is Pacemaker's: MD5 of ` <parameters name="value" …/>\n` with the names sorted
 * and meta attributes left out (one-shot operations carry no timeout).
 */
import { md5Hex } from "../cib/index.js";
import type { OperationRecord, PrimitiveModel } from "./model.js";
import { canRunResources } from "./unpack-nodes.js";
import { resourceAction } from "./actions.js";
import { primitiveStates, setReason, type ResourceState, type Working } from "./working.js";

function escapeForDigest(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The digest Pacemaker records as `op-digest` for these operation parameters. */
export function parametersDigest(parameters: Iterable<readonly [string, string]>): string {
  const sorted = [...parameters].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const text = sorted.map(([name, value]) => ` ${name}="${escapeForDigest(value)}"`).join("");
  return md5Hex(` <parameters${text}/>\n`);
}

/** Only parameters named in `op-force-restart` count for the restart digest. */
function restartParameters(parameters: ReadonlyMap<string, string>, forceRestart: string | undefined): [string, string][] {
  if (forceRestart === undefined) return [...parameters];
  const listed = new Set(forceRestart.split(/\s+/).filter((name) => name !== ""));
  return [...parameters].filter(([name]) => listed.has(name));
}

type Change = "restart" | "reload" | undefined;

/** rsc_action_digest_cmp, then what pcmk__check_action_config does about a mismatch. */
function compareDigests(primitive: PrimitiveModel, record: OperationRecord): Change {
  if (record.restartDigest !== undefined) {
    const restart = parametersDigest(restartParameters(primitive.instance, record.forceRestart));
    if (restart !== record.restartDigest) return "restart";
  }
  if (record.digest === undefined || parametersDigest(primitive.instance) !== record.digest) {
    return record.restartDigest === undefined ? "restart" : "reload";
  }
  return undefined;
}

/** The operations since the last start on a node; none when a later stop ended it. */
function sinceLastStart(records: readonly OperationRecord[]): OperationRecord[] {
  let start = -1;
  let stop = -1;
  records.forEach((record, index) => {
    if (record.rc !== record.expectedRc && record.task !== "monitor") return;
    if (record.task === "start" || record.task === "migrate_from") start = index;
    else if (record.task === "stop") stop = index;
  });
  if (start < stop) return [];
  return records.slice(Math.max(start, 0));
}

const startLike = new Set(["monitor", "start", "promote", "migrate_from"]);

function changeOnNode(primitive: PrimitiveModel, node: string): Change {
  const records = primitive.history.filter((record) => record.node === node);
  let change: Change;
  for (const record of sinceLastStart(records)) {
    if (record.intervalMs !== 0 || !startLike.has(record.task)) continue;
    const found = compareDigests(primitive, record);
    if (found === "restart") return found;
    change ??= found;
  }
  return change;
}

/** Marks active primitives whose definition changed: a required start, or a reload. */
export function checkDefinitionChanges(working: Working): void {
  for (const node of working.nodes) {
    if (!canRunResources(node)) continue;
    for (const state of working.topLevel.flatMap((top) => primitiveStates(top))) {
      const primitive = state.resource.kind === "primitive" ? state.resource : undefined;
      if (primitive === undefined || primitive.orphan || !state.runningOn.includes(node.name)) continue;
      const change = changeOnNode(primitive, node.name);
      if (change === "restart") state.definitionChanged = true;
      else if (change === "reload") scheduleReload(working, state, node.name);
    }
  }
}

/** schedule_reload: a required reload-agent, unless unmanaged or failed; a stop if starting. */
function scheduleReload(working: Working, state: ResourceState, node: string): void {
  if (!state.managed || state.failed) return;
  if (state.startPending) {
    resourceAction(working, state, { task: "stop", node, optional: false });
    return;
  }
  const reload = resourceAction(working, state, { task: "reload-agent", node, optional: false });
  setReason(reload, "resource definition change", false);
}

/** A required stop or demote cancels the reload (pe_order_then_cancels_first). */
export function cancelReloads(working: Working): void {
  for (const action of working.actions) {
    const state = action.resource;
    if (action.task !== "reload-agent" || state === undefined) continue;
    const cancelled = state.actions.some(
      (other) => (other.task === "stop" || other.task === "demote") && !other.optional && other.node === action.node,
    );
    if (cancelled) action.optional = true;
  }
}
