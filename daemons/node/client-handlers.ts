import type { ClientRequest, ServerMessage, WireErrorCode } from "../../backend/protocol/index.js";
import type { TransportHost } from "../transport/index.js";
import type { QuorumHost } from "./quorum-host.js";
import type { NodeSetup } from "./setup.js";

type RequestKind = ClientRequest["kind"];
type RequestOf<Kind extends RequestKind> = Extract<ClientRequest, { kind: Kind }>;

/**
 * Who sent a request, as the client channel authenticated it. `unrestricted` holds for the
 * local client token (root and the cluster's own tools): the CIB's ACLs do not apply.
 */
export interface ClientIdentity {
  readonly user: string;
  readonly unrestricted: boolean;
  /** The user's groups from the cluster users file (what acl_group entries match). */
  readonly groups?: readonly string[];
}

/**
 * One client connection, for handlers that answer later or more than once: pushed frames
 * (id null, such as `cib_changed`) and the end of the connection.
 */
export interface ClientSession {
  push(message: ServerMessage): void;
  onClosed(listener: () => void): void;
}

/** The identity of a client that presented the node's local client token. */
export const localTokenIdentity: ClientIdentity = { user: "root", unrestricted: true };

/** Answers one kind of client request; expected failures are `error` replies, not throws. */
export type RequestHandler<Kind extends RequestKind> = (
  request: RequestOf<Kind>,
  identity: ClientIdentity,
  session: ClientSession,
) => ServerMessage | Promise<ServerMessage>;

/** Which subsystem answers which request kind; subsystems add theirs as they start. */
export class ClientHandlers {
  readonly #handlers = new Map<
    RequestKind,
    (
      request: ClientRequest,
      identity: ClientIdentity,
      session: ClientSession,
    ) => ServerMessage | Promise<ServerMessage>
  >();

  set<Kind extends RequestKind>(kind: Kind, handler: RequestHandler<Kind>): void {
    this.#handlers.set(
      kind,
      handler as (
        request: ClientRequest,
        identity: ClientIdentity,
        session: ClientSession,
      ) => ServerMessage | Promise<ServerMessage>,
    );
  }

  answer(
    request: ClientRequest,
    identity: ClientIdentity,
    session: ClientSession,
  ): ServerMessage | Promise<ServerMessage> {
    const handler = this.#handlers.get(request.kind);
    if (handler === undefined)
      return refusal(request.id, "unknown_kind", `This node does not serve ${request.kind}`);
    return handler(request, identity, session);
  }
}

export function refusal(id: number, code: WireErrorCode, message: string): ServerMessage {
  return { kind: "error", id, code, message };
}

/** The membership, quorum and transport requests every node answers. */
export function addStatusHandlers(
  handlers: ClientHandlers,
  parts: {
    readonly quorum: QuorumHost;
    readonly transport: TransportHost;
    readonly setup: NodeSetup;
  },
): void {
  const { quorum, transport, setup } = parts;
  handlers.set("quorum_status_requested", (request) => {
    const status = quorum.status();
    if (status === undefined)
      return refusal(request.id, "not_ready", "No membership has been formed yet");
    return { kind: "quorum_status", id: request.id, status };
  });
  handlers.set("quorum_subscribe_requested", (request, _identity, session) => {
    const stop = quorum.onStatusChanged((status) =>
      session.push({ kind: "quorum_changed", id: null, status }),
    );
    session.onClosed(stop);
    return { kind: "subscribed", id: request.id };
  });
  handlers.set("transport_status_requested", (request) => ({
    kind: "transport_status",
    id: request.id,
    status: transport.status(),
  }));
  handlers.set("links_cut_requested", (request) => {
    if (!setup.options.allowFaultInjection) {
      return refusal(request.id, "not_allowed", "Fault injection is off on this node");
    }
    const ids = request.peers.map((name) => setup.nodes.find((node) => node.name === name)?.nodeid);
    const known = ids.filter((id) => id !== undefined);
    if (known.length !== ids.length)
      return refusal(request.id, "bad_field", "Unknown node name in peers");
    transport.cutLinks(known, request.links);
    return { kind: "links_cut", id: request.id, peers: request.peers };
  });
}
