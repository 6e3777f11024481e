/**
 * `crm resource cleanup|refresh` on a live cluster, as crm_resource --cleanup does it: the fail
 * counts and last failures are cleared in attrd, which holds them (deleted from the status
 * section alone, attrd's writer could put them back before it heard of the cleanup), and the
 * operation history is deleted from the status section by a commit.
 */
import type { AdminChange } from "../../backend/admin/index.js";
import { failureAttributeResource } from "../../backend/admin/index.js";
import type { Result } from "../../backend/base/index.js";
import { childElements, cloneNode, firstChild, nodesEqual } from "../../backend/cib/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import type { ClientTarget } from "../../backend/client/index.js";
import {
  ClientError,
  listAttributes,
  resolveClusterTarget,
  updateAttribute,
} from "../../backend/client/index.js";
import { withSession } from "./configure-support.js";
import { transientUpdates } from "./live-transient.js";
import { applyChange } from "./resource-support.js";
import type { NotesAs } from "./resource-support.js";
import { waitForCluster } from "./resource-wait.js";
import type { CibSession, CommandContext, Outcome } from "./types.js";
import { done, failed } from "./types.js";

/** What the cleanup names: one resource (or all), on one node (or all). */
export interface CleanupScope {
  readonly resource?: string;
  readonly node?: string;
}

interface HeldFailure {
  readonly node: string;
  readonly name: string;
}

/** An attribute owner (`RSC`, a clone instance `RSC:N`) belongs to the named resource. */
function ownedBy(owner: string, scope: CleanupScope, owners: ReadonlySet<string>): boolean {
  if (owners.has(owner) || scope.resource === undefined) return true;
  return owner === scope.resource || owner.startsWith(`${scope.resource}:`);
}

/**
 * The failure attributes to clear: those the change deletes from the status section, and those
 * attrd holds for the same resources and not written yet.
 */
async function failuresToClear(
  target: ClientTarget,
  fromCib: readonly HeldFailure[],
  scope: CleanupScope,
): Promise<HeldFailure[]> {
  const owners = new Set(fromCib.map((failure) => failureAttributeResource(failure.name) ?? ""));
  const held = await listAttributes(target, scope.node);
  const keyOf = (failure: HeldFailure): string => `${failure.node}\u0000${failure.name}`;
  const clear = new Map(fromCib.map((failure) => [keyOf(failure), failure]));
  for (const attribute of held) {
    const owner = failureAttributeResource(attribute.name);
    if (owner === undefined || !ownedBy(owner, scope, owners)) continue;
    clear.set(keyOf(attribute), { node: attribute.node, name: attribute.name });
  }
  return [...clear.values()];
}

/** `next` with every node's transient attributes as `current` holds them (attrd's part). */
function historyPart(current: XmlElement, next: XmlElement): XmlElement {
  const copy = cloneNode(next);
  const held = new Map<string, XmlElement | undefined>();
  const status = firstChild(current, "status");
  for (const state of status === undefined ? [] : childElements(status, "node_state")) {
    held.set(state.attributes["id"] ?? "", firstChild(state, "transient_attributes"));
  }
  const nextStatus = firstChild(copy, "status");
  for (const state of nextStatus === undefined ? [] : childElements(nextStatus, "node_state")) {
    const original = held.get(state.attributes["id"] ?? "");
    const kept = state.children.filter(
      (child) => child.kind !== "element" || child.name !== "transient_attributes",
    );
    state.children = original === undefined ? kept : [...kept, cloneNode(original)];
  }
  return copy;
}

async function cleanupLive(
  context: CommandContext,
  session: CibSession,
  change: (cib: XmlElement) => Result<AdminChange>,
  scope: CleanupScope,
): Promise<Outcome> {
  const result = change(session.working);
  if (!result.ok) {
    context.output.issues(result.issues);
    return failed;
  }
  const deleted = transientUpdates(session.working, result.value.cib).filter(
    (update) => update.value === null && failureAttributeResource(update.name) !== undefined,
  );
  try {
    const target = resolveClusterTarget(context.environment);
    for (const failure of await failuresToClear(target, deleted, scope)) {
      await updateAttribute(target, { ...failure, value: null, section: "status" });
    }
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    context.output.error(`Cannot clear the fail counts in the attribute manager: ${error.message}`);
    return failed;
  }
  const history = historyPart(session.working, result.value.cib);
  if (!nodesEqual(history, session.working)) {
    session.stage(history);
    const issues = await session.commit();
    if (issues.length > 0) {
      context.output.issues(issues);
      return failed;
    }
  }
  for (const note of result.value.notes) context.output.line(note);
  return (await waitForCluster(context, session)) ? done : failed;
}

/**
 * A cleanup or refresh: on a live cluster (nothing staged) through attrd and a commit of the
 * history; elsewhere an ordinary CIB change.
 */
export function applyHistoryChange(
  context: CommandContext,
  change: (cib: XmlElement) => Result<AdminChange>,
  scope: CleanupScope,
  notesAs: NotesAs,
): Promise<Outcome> {
  return withSession(context, (session) =>
    session.kind === "live" && !session.changed
      ? cleanupLive(context, session, change, scope)
      : applyChange(context, change, notesAs),
  );
}
