import { fail, issue, ok } from "../base/index.js";
import type { Issue, Result } from "../base/index.js";
import { clientFrameBytesMax, quorumFlags, transportCounterNames } from "./messages.js";
import type {
  CibVersionWire,
  ClientRequest,
  MemberStatus,
  QuorumFlag,
  QuorumStatus,
  ServerMessage,
  TransportStatus,
  WireErrorCode,
} from "./messages.js";
import { wireErrorCodes } from "./messages.js";
import {
  FieldError,
  asString,
  booleanField,
  field,
  integerField,
  isRecord,
  listField,
  recordField,
  stringField,
} from "./fields.js";
import type { Fields } from "./fields.js";
import { decodeAttributeRequest, decodeAttributeServerMessage } from "./decode-attributes.js";
import { decodeFenceRequest, decodeFenceServerMessage } from "./decode-fencing.js";

export type WireIssue = Issue<WireErrorCode>;

function parseFrame(text: string): Result<Fields, WireErrorCode> {
  if (text.length > clientFrameBytesMax) {
    return fail([
      issue("frame_too_large", `Frame of ${text.length} characters exceeds ${clientFrameBytesMax}`),
    ]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail([issue("bad_frame", "The frame is not valid JSON")]);
  }
  if (!isRecord(parsed)) return fail([issue("bad_frame", "The frame is not a JSON object")]);
  return ok(parsed);
}

function guarded<T>(build: () => T): Result<T, WireErrorCode> {
  try {
    return ok(build());
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    return fail([
      issue("bad_field", `Field "${error.path}" must be ${error.expected}`, { path: [error.path] }),
    ]);
  }
}

function asLink(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 7) {
    throw new FieldError("links[]", "a link number from 0 to 7");
  }
  return value;
}

function linksCut(record: Fields): ClientRequest {
  const peers = listField(record, "peers", asString);
  const id = integerField(record, "id");
  if (field(record, "links") === undefined) return { kind: "links_cut_requested", id, peers };
  return { kind: "links_cut_requested", id, peers, links: listField(record, "links", asLink) };
}

function cibVersionField(record: Fields, name: string): CibVersionWire {
  const version = recordField(record, name);
  return {
    adminEpoch: integerField(version, "adminEpoch"),
    epoch: integerField(version, "epoch"),
    numUpdates: integerField(version, "numUpdates"),
  };
}

function cibQuery(record: Fields): ClientRequest {
  const id = integerField(record, "id");
  if (field(record, "xpath") === undefined) return { kind: "cib_query_requested", id };
  return { kind: "cib_query_requested", id, xpath: stringField(record, "xpath") };
}

function cibReplace(record: Fields): ClientRequest {
  const request = {
    kind: "cib_replace_requested",
    id: integerField(record, "id"),
    xml: stringField(record, "xml"),
  } as const;
  if (field(record, "version") === undefined) return request;
  return { ...request, version: cibVersionField(record, "version") };
}

/** Validates one client → node frame. Never throws on bad input. */
export function decodeClientRequest(text: string): Result<ClientRequest, WireErrorCode> {
  const frame = parseFrame(text);
  if (!frame.ok) return frame;
  const record = frame.value;
  const daemonRequest = decodeAttributeRequest(record) ?? decodeFenceRequest(record);
  if (daemonRequest !== undefined) return daemonRequest;
  const kind = field(record, "kind");
  switch (kind) {
    case "quorum_status_requested":
    case "quorum_subscribe_requested":
    case "transport_status_requested":
      return guarded(() => ({ kind, id: integerField(record, "id") }));
    case "links_cut_requested":
      return guarded(() => linksCut(record));
    case "cib_erase_requested":
    case "cib_subscribe_requested":
    case "cib_unsubscribe_requested":
      return guarded(() => ({ kind, id: integerField(record, "id") }));
    case "cib_query_requested":
      return guarded(() => cibQuery(record));
    case "cib_patch_requested":
      return guarded(() => ({
        kind,
        id: integerField(record, "id"),
        patchset: stringField(record, "patchset"),
      }));
    case "cib_replace_requested":
      return guarded(() => cibReplace(record));
    default:
      return fail([issue("unknown_kind", `Unknown message kind ${JSON.stringify(kind)}`)]);
  }
}

function asFlag(value: unknown): QuorumFlag {
  const flag = quorumFlags.find((known) => known === value);
  if (flag === undefined) throw new FieldError("flags[]", `one of ${quorumFlags.join(", ")}`);
  return flag;
}

function member(value: unknown): MemberStatus {
  if (!isRecord(value)) throw new FieldError("members[]", "an object");
  return {
    nodeid: integerField(value, "nodeid"),
    name: stringField(value, "name"),
    votes: integerField(value, "votes"),
  };
}

function quorumStatus(record: Fields): QuorumStatus {
  const ring = recordField(record, "ringId");
  return {
    provider: stringField(record, "provider"),
    localNodeid: integerField(record, "localNodeid"),
    localName: stringField(record, "localName"),
    ringId: {
      representative: integerField(ring, "representative"),
      sequence: integerField(ring, "sequence"),
    },
    quorate: booleanField(record, "quorate"),
    expectedVotes: integerField(record, "expectedVotes"),
    highestExpected: integerField(record, "highestExpected"),
    totalVotes: integerField(record, "totalVotes"),
    quorum: integerField(record, "quorum"),
    flags: listField(record, "flags", asFlag),
    members: listField(record, "members", member),
  };
}

function transportStatus(record: Fields): TransportStatus {
  const counters = recordField(record, "counters");
  const entries = transportCounterNames.map(
    (name) => [name, integerField(counters, name)] as const,
  );
  return {
    localNodeid: integerField(record, "localNodeid"),
    localAddresses: listField(record, "localAddresses", asString),
    counters: Object.fromEntries(entries) as TransportStatus["counters"],
    links: listField(record, "links", (value) => {
      if (!isRecord(value)) throw new FieldError("links[]", "an object");
      return {
        peer: stringField(value, "peer"),
        peerNodeid: integerField(value, "peerNodeid"),
        link: integerField(value, "link"),
        connected: booleanField(value, "connected"),
      };
    }),
  };
}

function errorMessage(record: Fields): ServerMessage {
  const code = stringField(record, "code");
  if (!Object.hasOwn(wireErrorCodes, code)) throw new FieldError("code", "a known error code");
  const id = field(record, "id");
  return {
    kind: "error",
    id: id === null ? null : integerField(record, "id"),
    code: code as WireErrorCode,
    message: stringField(record, "message"),
  };
}

/** The CIB's replies and pushed frames; undefined for another kind. */
function cibServerMessage(record: Fields): Result<ServerMessage, WireErrorCode> | undefined {
  const kind = field(record, "kind");
  switch (kind) {
    case "cib_query":
      return guarded(() => ({
        kind,
        id: integerField(record, "id"),
        xml: stringField(record, "xml"),
        version: cibVersionField(record, "version"),
      }));
    case "cib_written":
      return guarded(() => ({
        kind,
        id: integerField(record, "id"),
        version: cibVersionField(record, "version"),
      }));
    case "subscribed":
    case "unsubscribed":
      return guarded(() => ({ kind, id: integerField(record, "id") }));
    case "cib_changed":
      return guarded(() => {
        if (field(record, "id") !== null) throw new FieldError("id", "null");
        const patchset = stringField(record, "patchset");
        return { kind, id: null, patchset, version: cibVersionField(record, "version") };
      });
    default:
      return undefined;
  }
}

/** Validates one node → client frame. Never throws on bad input. */
export function decodeServerMessage(text: string): Result<ServerMessage, WireErrorCode> {
  const frame = parseFrame(text);
  if (!frame.ok) return frame;
  const record = frame.value;
  const daemonReply = decodeAttributeServerMessage(record) ?? decodeFenceServerMessage(record);
  if (daemonReply !== undefined) return daemonReply;
  const cib = cibServerMessage(record);
  if (cib !== undefined) return cib;
  const kind = field(record, "kind");
  switch (kind) {
    case "quorum_status":
      return guarded(() => ({
        kind,
        id: integerField(record, "id"),
        status: quorumStatus(recordField(record, "status")),
      }));
    case "quorum_changed":
      return guarded(() => {
        if (field(record, "id") !== null) throw new FieldError("id", "null");
        return { kind, id: null, status: quorumStatus(recordField(record, "status")) };
      });
    case "transport_status":
      return guarded(() => ({
        kind,
        id: integerField(record, "id"),
        status: transportStatus(recordField(record, "status")),
      }));
    case "links_cut":
      return guarded(() => ({
        kind,
        id: integerField(record, "id"),
        peers: listField(record, "peers", asString),
      }));
    case "error":
      return guarded(() => errorMessage(record));
    default:
      return fail([issue("unknown_kind", `Unknown message kind ${JSON.stringify(kind)}`)]);
  }
}

/** The one way frames are written, so both sides agree on the encoding. */
export function encodeMessage(message: ClientRequest | ServerMessage): string {
  return JSON.stringify(message);
}
