import type { AdminChange } from "../../backend/admin/index.js";
import type { Result } from "../../backend/base/index.js";
import { childElements, cloneNode, firstChild, nodesEqual } from "../../backend/cib/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { ClientError, resolveClusterTarget, updateAttribute } from "../../backend/client/index.js";
import { withSession } from "./configure-support.js";
import { applyChange } from "./resource-support.js";
import { waitForCluster } from "./resource-wait.js";
import type { NotesAs } from "./resource-support.js";
import type { CibSession, CommandContext, Outcome } from "./types.js";
import { done, failed } from "./types.js";

/** The transient attributes a CIB's status section holds, by `node\u0000name`. */
export function transientAttributes(cib: XmlElement): Map<string, string> {
  const found = new Map<string, string>();
  const status = firstChild(cib, "status");
  for (const state of status === undefined ? [] : childElements(status, "node_state")) {
    const node = state.attributes["uname"];
    if (node === undefined) continue;
    for (const transient of childElements(state, "transient_attributes")) {
      for (const set of childElements(transient, "instance_attributes")) {
        for (const nvpair of childElements(set, "nvpair")) {
          const { name, value } = nvpair.attributes;
          if (name !== undefined && value !== undefined) found.set(`${node}\u0000${name}`, value);
        }
      }
    }
  }
  return found;
}

/** What changed between two CIBs' transient attributes, as attrd updates (null deletes). */
export function transientUpdates(
  before: XmlElement,
  after: XmlElement,
): { node: string; name: string; value: string | null }[] {
  const old = transientAttributes(before);
  const next = transientAttributes(after);
  const updates: { node: string; name: string; value: string | null }[] = [];
  for (const key of new Set([...old.keys(), ...next.keys()])) {
    const value = next.get(key) ?? null;
    if ((old.get(key) ?? null) === value) continue;
    const [node = "", name = ""] = key.split("\u0000");
    updates.push({ node, name, value });
  }
  return updates;
}

async function sendToAttrd(
  context: CommandContext,
  session: CibSession,
  change: (cib: XmlElement, session: CibSession) => Result<AdminChange>,
  notesAs: NotesAs,
): Promise<Outcome> {
  const result = change(session.working, session);
  if (!result.ok) {
    context.output.issues(result.issues);
    return failed;
  }
  const updates = transientUpdates(session.working, result.value.cib);
  try {
    const target = resolveClusterTarget(context.environment);
    for (const update of updates) await updateAttribute(target, { ...update, section: "status" });
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    context.output.error(`Cannot update the attribute manager: ${error.message}`);
    return failed;
  }
  for (const note of result.value.notes) {
    if (notesAs === "line") context.output.line(note);
    else context.output.info(note);
  }
  const configuration = (cib: XmlElement) => firstChild(cib, "configuration");
  const before = configuration(session.working);
  const after = configuration(result.value.cib);
  if (before !== undefined && after !== undefined && nodesEqual(before, after)) {
    // -w: attrd writes the CIB after it answered; judge the cluster once the values are there.
    const reached = (cib: XmlElement): boolean => {
      const held = transientAttributes(cib);
      return updates.every(
        ({ node, name, value }) => (held.get(`${node}\u0000${name}`) ?? null) === value,
      );
    };
    return (await waitForCluster(context, session, { reached })) ? done : failed;
  }
  // The rest of the change (crm node standby's nodes-section attribute) is committed.
  return applyChange(context, configurationPart(change), notesAs);
}

/** The change without its status part (which went to attrd), and without notes. */
function configurationPart(
  change: (cib: XmlElement, session: CibSession) => Result<AdminChange>,
): (cib: XmlElement, session: CibSession) => Result<AdminChange> {
  return (cib, session) => {
    const result = change(cib, session);
    if (!result.ok) return result;
    const next = result.value.cib;
    const original = firstChild(cib, "status");
    next.children = next.children.flatMap((child) => {
      if (child.kind !== "element" || child.name !== "status") return [child];
      return original === undefined ? [] : [cloneNode(original)];
    });
    return { ok: true, value: { cib: next, notes: [] }, issues: [] };
  };
}

/**
 * A change of transient attributes (status-attr, failcount, standby reboot). On a live cluster
 * they belong to attrd, as crm_attribute -l reboot sends them there: each changed value goes
 * to attrd, whose writer puts it in every node's status section, and what the change does to
 * the configuration is committed. Elsewhere it is an ordinary CIB change.
 */
export async function applyTransientChange(
  context: CommandContext,
  change: (cib: XmlElement, session: CibSession) => Result<AdminChange>,
  notesAs: NotesAs = "info",
): Promise<Outcome> {
  return withSession(context, (session) =>
    session.kind === "live" && !session.changed
      ? sendToAttrd(context, session, change, notesAs)
      : applyChange(context, change, notesAs),
  );
}
