/** Messages between a client (crm, crm_mon) and quorated's client channel: JSON text frames. */
import type { AttributeRequest, AttributeServerMessage } from "./attribute-messages.js";
import type { FenceRequest, FenceServerMessage } from "./fencing-messages.js";

/** Largest client frame either side accepts (a whole CIB travels in one frame). */
export const clientFrameBytesMax = 32 * 1024 * 1024;
/**
 * Frames at least this long travel compressed on the client channel (a whole CIB, a query's
 * answer), with the websocket's permessage-deflate extension when both sides offer it; frames
 * below, and peers without the extension, go uncompressed.
 */
export const clientCompressionBytesMin = 128 * 1024;
/** Header a client presents on the ws upgrade: the content of the node's client token file. */
export const clientTokenHeader = "x-quorate-client-token";

export interface RingId {
  /** Nodeid of the ring's representative (lowest nodeid in it). */
  readonly representative: number;
  readonly sequence: number;
}

export interface MemberStatus {
  readonly nodeid: number;
  readonly name: string;
  readonly votes: number;
}

/** What `corosync-quorumtool -s` shows, as one value. */
export interface QuorumStatus {
  readonly provider: string;
  readonly localNodeid: number;
  readonly localName: string;
  readonly ringId: RingId;
  readonly quorate: boolean;
  readonly expectedVotes: number;
  readonly highestExpected: number;
  readonly totalVotes: number;
  readonly quorum: number;
  readonly flags: readonly QuorumFlag[];
  readonly members: readonly MemberStatus[];
}

/** votequorum's flags, in corosync-quorumtool's order. */
export const quorumFlags = [
  "2Node",
  "Quorate",
  "WaitForAll",
  "LastManStanding",
  "AutoTieBreaker",
  "AllowDownscale",
  "Qdevice",
] as const;
export type QuorumFlag = (typeof quorumFlags)[number];

export interface LinkStatus {
  readonly peer: string;
  readonly peerNodeid: number;
  readonly link: number;
  /** This node's dialer on that link has proved the authkey and is open. */
  readonly connected: boolean;
}

/** Frames the transport dropped, by reason, and handshakes it refused. */
export type TransportCounters = Readonly<Record<TransportCounterName, number>>;
export const transportCounterNames = [
  "frames_sent",
  "frames_delivered",
  "dropped_forged",
  "dropped_replayed",
  "dropped_truncated",
  "dropped_oversized",
  "dropped_queue_full",
  "handshakes_refused",
] as const;
export type TransportCounterName = (typeof transportCounterNames)[number];

export interface TransportStatus {
  readonly localNodeid: number;
  /** This node's address on each link, by link number. */
  readonly localAddresses: readonly string[];
  readonly counters: TransportCounters;
  readonly links: readonly LinkStatus[];
}

/** A CIB's generation (admin_epoch, epoch, num_updates), compared in that order. */
export interface CibVersionWire {
  readonly adminEpoch: number;
  readonly epoch: number;
  readonly numUpdates: number;
}

/** Requests on the replicated CIB (what cibadmin -Q / -P / -R / -E and notifications do). */
export type CibRequest =
  /** The whole CIB, or the elements an xpath selects (wrapped in `<xpath-query>` when several). */
  | { readonly kind: "cib_query_requested"; readonly id: number; readonly xpath?: string }
  /** A Pacemaker v2 patchset (XML text); its `<version><source/>` is the version it expects. */
  | { readonly kind: "cib_patch_requested"; readonly id: number; readonly patchset: string }
  /** A whole new CIB; with `version`, refused unless the CIB is still at that version. */
  | {
      readonly kind: "cib_replace_requested";
      readonly id: number;
      readonly xml: string;
      readonly version?: CibVersionWire;
    }
  /** Empties the configuration and status (cibadmin --erase): the epoch moves on. */
  | { readonly kind: "cib_erase_requested"; readonly id: number }
  /** From now on `cib_changed` frames (id null) follow every applied change. */
  | { readonly kind: "cib_subscribe_requested"; readonly id: number }
  | { readonly kind: "cib_unsubscribe_requested"; readonly id: number };

/** Replies and pushed frames of the CIB requests. */
export type CibServerMessage =
  | {
      readonly kind: "cib_query";
      readonly id: number;
      readonly xml: string;
      readonly version: CibVersionWire;
    }
  | { readonly kind: "cib_written"; readonly id: number; readonly version: CibVersionWire }
  | { readonly kind: "subscribed"; readonly id: number }
  | { readonly kind: "unsubscribed"; readonly id: number }
  /** Pushed to subscribers: the applied v2 patchset (XML text) and the version it reached. */
  | {
      readonly kind: "cib_changed";
      readonly id: null;
      readonly patchset: string;
      readonly version: CibVersionWire;
    };

export type ClientRequest =
  | AttributeRequest
  | FenceRequest
  | CibRequest
  | { readonly kind: "quorum_status_requested"; readonly id: number }
  /** Pushes `quorum_changed` on every membership or quorum change, until the connection ends. */
  | { readonly kind: "quorum_subscribe_requested"; readonly id: number }
  | { readonly kind: "transport_status_requested"; readonly id: number }
  /**
   * Test hook (quorated --allow-fault-injection): cut the links (all when `links` is absent)
   * to and from the named peers; an empty `peers` list heals every link.
   */
  | {
      readonly kind: "links_cut_requested";
      readonly id: number;
      readonly peers: readonly string[];
      readonly links?: readonly number[];
    };

export type ServerMessage =
  | AttributeServerMessage
  | FenceServerMessage
  | CibServerMessage
  | { readonly kind: "quorum_status"; readonly id: number; readonly status: QuorumStatus }
  /** Pushed to quorum subscribers: the membership and quorum after a change. */
  | { readonly kind: "quorum_changed"; readonly id: null; readonly status: QuorumStatus }
  | { readonly kind: "transport_status"; readonly id: number; readonly status: TransportStatus }
  | { readonly kind: "links_cut"; readonly id: number; readonly peers: readonly string[] }
  | {
      readonly kind: "error";
      readonly id: number | null;
      readonly code: WireErrorCode;
      readonly message: string;
    };

/** Stable wire error codes (never renamed; clients map them to exit codes). */
export const wireErrorCodes = {
  bad_frame: "The frame is not valid JSON or not an object",
  frame_too_large: "The frame exceeds the size limit",
  unknown_kind: "The message kind is not known",
  bad_field: "A field is missing or has the wrong type",
  unauthorized: "The client token is missing or wrong",
  not_allowed: "The request is disabled on this node",
  not_ready: "The node has not formed a membership yet",
  internal: "The node failed to answer",
  version_conflict: "The CIB is not at the version the change was made against",
  no_quorum: "The node's partition has no quorum, so the CIB is read-only",
  invalid_cib: "The resulting CIB is not valid (schema structure or references)",
  invalid_patch: "The patchset cannot be read or does not apply",
  permission_denied: "The CIB's ACLs do not allow this user the request",
  no_match: "The xpath selects nothing in the CIB",
  indeterminate:
    "The membership changed before the write was confirmed; query to see if it applied",
} as const;
export type WireErrorCode = keyof typeof wireErrorCodes;
