import type { CibVersionWire, ServerMessage } from "../protocol/index.js";
import { ClientError } from "./client-error.js";
import { ClientConnection } from "./connection.js";
import type { ClientTarget } from "./target.js";

/**
 * Where a CIB request goes: a node (a connection is opened for the request and closed after
 * it) or an open connection, reused as it is (many requests, one socket).
 */
export type CibTarget = ClientTarget | ClientConnection;

export interface CibSnapshot {
  /** The whole CIB, or what the xpath selected (one element, or `<xpath-query>` around several). */
  readonly xml: string;
  readonly version: CibVersionWire;
}

/** One applied change, as subscribers hear it: the v2 patchset and the version it reached. */
export interface CibChange {
  readonly patchset: string;
  readonly version: CibVersionWire;
}

export interface CibSubscription {
  /** Stops the notifications (and closes the connection when the subscription opened it). */
  close(): void;
}

type Reply<Kind extends ServerMessage["kind"]> = Extract<ServerMessage, { kind: Kind }>;
type RequestBody = Parameters<ClientConnection["request"]>[0];

async function withTarget<T>(
  target: CibTarget,
  use: (connection: ClientConnection) => Promise<T>,
): Promise<T> {
  if (target instanceof ClientConnection) return use(target);
  const connection = await ClientConnection.open(target.url, target);
  try {
    return await use(connection);
  } finally {
    connection.close();
  }
}

async function ask<Kind extends ServerMessage["kind"]>(
  connection: ClientConnection,
  body: RequestBody,
  expected: Kind,
): Promise<Reply<Kind>> {
  const reply = await connection.request(body);
  if (reply.kind !== expected) {
    throw new ClientError("bad_reply", `Unexpected ${reply.kind} reply to ${body.kind}`);
  }
  return reply as Reply<Kind>;
}

/** cibadmin -Q [--xpath]: the CIB (as the node's ACLs let this client read it) and its version. */
export function queryCib(target: CibTarget, xpath?: string): Promise<CibSnapshot> {
  return withTarget(target, async (connection) => {
    const body = xpath === undefined ? {} : { xpath };
    const reply = await ask(connection, { kind: "cib_query_requested", ...body }, "cib_query");
    return { xml: reply.xml, version: reply.version };
  });
}

/**
 * cibadmin -P: applies a Pacemaker v2 patchset (XML text) whose `<source>` version is the one it
 * was made against. Resolves with the version reached once every member has it on disk; a CIB
 * that moved on rejects with `version_conflict`.
 */
export function patchCib(target: CibTarget, patchsetXml: string): Promise<CibVersionWire> {
  return withTarget(target, async (connection) => {
    const body = { kind: "cib_patch_requested", patchset: patchsetXml } as const;
    return (await ask(connection, body, "cib_written")).version;
  });
}

/** cibadmin -R: the whole CIB; with `expected`, only if the CIB is still at that version. */
export function replaceCib(
  target: CibTarget,
  xml: string,
  expected?: CibVersionWire,
): Promise<CibVersionWire> {
  return withTarget(target, async (connection) => {
    const version = expected === undefined ? {} : { version: expected };
    const body = { kind: "cib_replace_requested", xml, ...version } as const;
    return (await ask(connection, body, "cib_written")).version;
  });
}

/** cibadmin -E --force: an empty configuration and status, at a newer epoch. */
export function eraseCib(target: CibTarget): Promise<CibVersionWire> {
  return withTarget(target, async (connection) => {
    return (await ask(connection, { kind: "cib_erase_requested" }, "cib_written")).version;
  });
}

/**
 * Calls `onChange` with every change applied from now on (cib_changed frames). On a target a
 * connection is opened for the subscription; on a connection the subscription shares it.
 */
export async function subscribeCib(
  target: CibTarget,
  onChange: (change: CibChange) => void,
): Promise<CibSubscription> {
  const owned = !(target instanceof ClientConnection);
  const connection = owned ? await ClientConnection.open(target.url, target) : target;
  const stop = connection.onPushed((message) => {
    if (message.kind === "cib_changed") {
      onChange({ patchset: message.patchset, version: message.version });
    }
  });
  try {
    await ask(connection, { kind: "cib_subscribe_requested" }, "subscribed");
  } catch (error) {
    stop();
    if (owned) connection.close();
    throw error;
  }
  return {
    close() {
      stop();
      if (owned) connection.close();
      else void connection.request({ kind: "cib_unsubscribe_requested" }).catch(() => undefined);
    },
  };
}
