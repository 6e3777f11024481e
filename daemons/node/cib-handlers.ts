import { ok, type Result } from "../../backend/base/index.js";
import { readXml, writeXml, type XmlElement } from "../../backend/cib/index.js";
import type { CibVersionWire, ServerMessage } from "../../backend/protocol/index.js";
import {
  cibVersion,
  compareVersions,
  diffCib,
  erasedCib,
  indentedText,
  patchsetFromXml,
  patchsetToXml,
  queryCibXpath,
  versionText,
  type CibVersion,
  type Patchset,
} from "../cib/index.js";
import type { CibAccess } from "./cib-access.js";
import type { CibChangeEvent, CibHost, CibWriteCode } from "./cib-host.js";
import { refusal } from "./client-handlers.js";
import type { ClientHandlers, ClientIdentity, ClientSession } from "./client-handlers.js";

type Written = Result<CibVersion, CibWriteCode>;

function writtenReply(id: number, result: Written): ServerMessage {
  if (result.ok) return { kind: "cib_written", id, version: result.value };
  const first = result.issues[0];
  const code = first?.code === "sync_in_progress" ? "not_ready" : (first?.code ?? "internal");
  return refusal(id, code, first?.message ?? "The write was refused");
}

/** The CIB as this identity may read it (undefined: nothing). */
function visibleCib(
  cib: XmlElement,
  identity: ClientIdentity,
  access: CibAccess,
): XmlElement | undefined {
  return identity.unrestricted ? cib : access.readable(cib, identity);
}

function answerQuery(
  host: CibHost,
  access: CibAccess,
  request: { readonly id: number; readonly xpath?: string },
  identity: ClientIdentity,
): ServerMessage {
  const cib = host.current();
  if (cib === undefined) return refusal(request.id, "not_ready", "This node has no CIB yet");
  const visible = visibleCib(cib, identity, access);
  if (visible === undefined) {
    return refusal(request.id, "permission_denied", `User "${identity.user}" may read nothing`);
  }
  let selected = visible;
  if (request.xpath !== undefined) {
    const queried = queryCibXpath(visible, request.xpath);
    if (!queried.ok) {
      const first = queried.issues[0];
      const code = first?.code === "no_match" ? "no_match" : "bad_field";
      return refusal(request.id, code, first?.message ?? "Bad xpath");
    }
    selected = queried.value;
  }
  return {
    kind: "cib_query",
    id: request.id,
    xml: indentedText(selected),
    version: cibVersion(cib),
  };
}

function readPatchset(text: string): Result<Patchset, "invalid_patch"> {
  const read = readXml(text);
  const patchset = read.ok ? patchsetFromXml(read.value) : read;
  if (patchset.ok) return ok(patchset.value);
  const first = patchset.issues[0];
  const where =
    first?.span === undefined ? "" : ` (line ${first.span.line}, column ${first.span.column})`;
  return {
    ok: false,
    issues: [{ code: "invalid_patch", message: `Bad patchset${where}: ${first?.message ?? ""}` }],
  };
}

async function answerReplace(
  host: CibHost,
  request: { readonly id: number; readonly xml: string; readonly version?: CibVersionWire },
  identity: ClientIdentity,
): Promise<ServerMessage> {
  const read = readXml(request.xml);
  if (!read.ok) {
    const first = read.issues[0];
    const where =
      first?.span === undefined ? "" : `line ${first.span.line}, column ${first.span.column}: `;
    return refusal(
      request.id,
      "invalid_cib",
      `Cannot read the new CIB: ${where}${first?.message ?? ""}`,
    );
  }
  const current = host.version();
  const expected = request.version;
  if (expected !== undefined && current !== undefined && compareVersions(expected, current) !== 0) {
    const message = `The CIB is at ${versionText(current)}, not ${versionText(expected)}`;
    return refusal(request.id, "version_conflict", message);
  }
  return writtenReply(request.id, await host.write(() => read.value, identity));
}

/**
 * Pushes every applied change to one subscriber. A restricted identity, while the ACLs are
 * enabled, gets the difference between what it could read before and after (nothing when that
 * did not change).
 */
function subscriber(
  host: CibHost,
  access: CibAccess,
  identity: ClientIdentity,
  session: ClientSession,
): (event: CibChangeEvent) => void {
  const push = (patchset: Patchset, version: CibVersion): void =>
    session.push({
      kind: "cib_changed",
      id: null,
      patchset: writeXml(patchsetToXml(patchset), { indent: 0 }),
      version,
    });
  if (identity.unrestricted) return (event) => push(event.patchset, event.version);
  const view = (cib: XmlElement | undefined): XmlElement | undefined =>
    cib === undefined ? undefined : access.readable(cib, identity);
  let lastCib = host.current();
  let lastView = view(lastCib);
  return (event) => {
    const [beforeCib, beforeView] = [lastCib, lastView];
    lastCib = host.current();
    lastView = view(lastCib);
    if (lastView === undefined || beforeView === undefined) return;
    // ACLs off before and after: the identity sees the change as it is.
    if (lastView === lastCib && beforeView === beforeCib)
      return push(event.patchset, event.version);
    const patchset = diffCib(beforeView, lastView);
    if (patchset.changes.length > 0) push(patchset, event.version);
  };
}

/** The CIB requests of the client channel: query, patch, replace, erase, (un)subscribe. */
export function addCibHandlers(handlers: ClientHandlers, host: CibHost, access: CibAccess): void {
  const subscriptions = new WeakMap<ClientSession, () => void>();
  handlers.set("cib_query_requested", (request, identity) =>
    answerQuery(host, access, request, identity),
  );
  handlers.set("cib_patch_requested", async (request, identity) => {
    const patchset = readPatchset(request.patchset);
    if (!patchset.ok) {
      return refusal(request.id, "invalid_patch", patchset.issues[0]?.message ?? "Bad patchset");
    }
    return writtenReply(request.id, await host.write(patchset.value, identity));
  });
  handlers.set("cib_replace_requested", (request, identity) =>
    answerReplace(host, request, identity),
  );
  handlers.set("cib_erase_requested", async (request, identity) =>
    writtenReply(request.id, await host.write(erasedCib, identity)),
  );
  handlers.set("cib_subscribe_requested", (request, identity, session) => {
    subscriptions.get(session)?.();
    const stop = host.subscribe(subscriber(host, access, identity, session));
    subscriptions.set(session, stop);
    session.onClosed(stop);
    return { kind: "subscribed", id: request.id };
  });
  handlers.set("cib_unsubscribe_requested", (request, _identity, session) => {
    subscriptions.get(session)?.();
    subscriptions.delete(session);
    return { kind: "unsubscribed", id: request.id };
  });
}
