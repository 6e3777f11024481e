/** Messages between a client (crm, crm_mon) and quorated's client channel: JSON text frames. */
import type { AttributeRequest, AttributeServerMessage } from "./attribute-messages.js";
import type { FenceRequest, FenceServerMessage } from "./fencing-messages.js";

/** Largest client frame either side accepts. */
export const clientFrameBytesMax = 1024 * 1024;
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

export type ClientRequest =
  | AttributeRequest
  | FenceRequest
  | { readonly kind: "quorum_status_requested"; readonly id: number }
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
  | { readonly kind: "quorum_status"; readonly id: number; readonly status: QuorumStatus }
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
} as const;
export type WireErrorCode = keyof typeof wireErrorCodes;
