import { fail, issue, ok, type Issue, type Result } from "../../backend/base/index.js";
import { isNodeId, type NodeId, type RingId } from "../kernel/index.js";
import type { GroupControl, Message, OrderedMessage, RecoverySet } from "./messages.js";

export type WireIssueCode = "bad_message";

/** Limits on what a peer may send (a frame is refused beyond them). */
export const wireLimits = {
  nodeIdsMax: 1024,
  messagesMax: 100_000,
  groupNameLengthMax: 256,
} as const;

/** A message as JSON text for the transport. */
export function encodeMessage(message: Message): string {
  return JSON.stringify(message);
}

type Reader = Record<string, unknown>;

class WireError {
  constructor(readonly message: string) {}
}

/** Checks an untrusted, already JSON-parsed value; never throws. */
export function decodeMessage(value: unknown): Result<Message, WireIssueCode> {
  try {
    return ok(readMessage(value));
  } catch (error) {
    if (!(error instanceof WireError)) throw error;
    const problem: Issue<WireIssueCode> = issue("bad_message", error.message);
    return fail([problem]);
  }
}

/** Parses JSON text and checks it; never throws. */
export function decodeMessageText(text: string): Result<Message, WireIssueCode> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail([issue("bad_message", "Cannot decode membership message: not JSON")]);
  }
  return decodeMessage(value);
}

function reject(message: string): never {
  throw new WireError(`Cannot decode membership message: ${message}`);
}

function record(value: unknown, what: string): Reader {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    reject(`${what} is not an object`);
  return value as Reader;
}

function count(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0)
    reject(`"${what}" is not a count`);
  return value;
}

function nodeId(value: unknown, what: string): NodeId {
  if (!isNodeId(value)) reject(`"${what}" is not a nodeid`);
  return value;
}

function text(value: unknown, what: string, lengthMax = Infinity): string {
  if (typeof value !== "string" || value.length > lengthMax) reject(`"${what}" is not a string`);
  return value;
}

function list(value: unknown, what: string, lengthMax: number): unknown[] {
  if (!Array.isArray(value) || value.length > lengthMax) reject(`"${what}" is not a list`);
  return value;
}

function nodeIds(value: unknown, what: string): NodeId[] {
  return list(value, what, wireLimits.nodeIdsMax).map((entry) => nodeId(entry, what));
}

function ringId(value: unknown, what = "ringId"): RingId {
  const reader = record(value, what);
  return {
    representative: nodeId(reader["representative"], what),
    seq: count(reader["seq"], what),
  };
}

function optionalRingId(value: unknown): { ringId?: RingId } {
  return value === undefined ? {} : { ringId: ringId(value) };
}

function control(value: unknown): { control?: GroupControl } {
  if (value === undefined) return {};
  if (value !== "group_join" && value !== "group_leave") reject(`"control" is unknown`);
  return { control: value };
}

function optionalTo(value: unknown): { to?: NodeId } {
  return value === undefined ? {} : { to: nodeId(value, "to") };
}

function orderedMessage(value: unknown): OrderedMessage {
  const reader = record(value, "message");
  return {
    seq: count(reader["seq"], "seq"),
    sender: nodeId(reader["sender"], "sender"),
    localSeq: count(reader["localSeq"], "localSeq"),
    group: text(reader["group"], "group", wireLimits.groupNameLengthMax),
    payload: text(reader["payload"], "payload"),
    ...optionalTo(reader["to"]),
    ...control(reader["control"]),
  };
}

function orderedMessages(value: unknown): OrderedMessage[] {
  return list(value, "messages", wireLimits.messagesMax).map(orderedMessage);
}

function groupNames(value: unknown): string[] {
  return list(value, "groups", wireLimits.nodeIdsMax).map((entry) =>
    text(entry, "groups", wireLimits.groupNameLengthMax),
  );
}

function recoverySet(value: unknown): RecoverySet {
  const reader = record(value, "recovery");
  return {
    oldRingId: ringId(reader["oldRingId"], "oldRingId"),
    finalSeq: count(reader["finalSeq"], "finalSeq"),
    messages: orderedMessages(reader["messages"]),
  };
}

function readMessage(value: unknown): Message {
  const reader = record(value, "message");
  switch (reader["kind"]) {
    case "heartbeat":
      return {
        kind: "heartbeat",
        ...optionalRingId(reader["ringId"]),
        operational: reader["operational"] === true,
        receivedThrough: count(reader["receivedThrough"], "receivedThrough"),
        stableSeq: count(reader["stableSeq"], "stableSeq"),
      };
    case "join":
      return {
        kind: "join",
        ...optionalRingId(reader["ringId"]),
        counter: count(reader["counter"], "counter"),
        procSet: nodeIds(reader["procSet"], "procSet"),
        failedSet: nodeIds(reader["failedSet"], "failedSet"),
        ringSeqMax: count(reader["ringSeqMax"], "ringSeqMax"),
      };
    case "commit":
      return {
        kind: "commit",
        ringId: ringId(reader["ringId"]),
        members: nodeIds(reader["members"], "members"),
      };
    case "commit_ack":
      return {
        kind: "commit_ack",
        ringId: ringId(reader["ringId"]),
        ...(reader["oldRingId"] === undefined
          ? {}
          : { oldRingId: ringId(reader["oldRingId"], "oldRingId") }),
        deliveredThrough: count(reader["deliveredThrough"], "deliveredThrough"),
        messages: orderedMessages(reader["messages"]),
        groups: groupNames(reader["groups"]),
      };
    case "install":
      return readInstall(reader);
    case "submit":
      return {
        kind: "submit",
        ringId: ringId(reader["ringId"]),
        localSeq: count(reader["localSeq"], "localSeq"),
        group: text(reader["group"], "group", wireLimits.groupNameLengthMax),
        payload: text(reader["payload"], "payload"),
        ...optionalTo(reader["to"]),
        ...control(reader["control"]),
      };
    case "ordered":
      return {
        kind: "ordered",
        ringId: ringId(reader["ringId"]),
        message: orderedMessage(reader["message"]),
      };
    case "leave":
      return { kind: "leave", ...optionalRingId(reader["ringId"]) };
    default:
      return reject(`unknown kind ${JSON.stringify(reader["kind"])}`);
  }
}

function readInstall(reader: Reader): Message {
  return {
    kind: "install",
    ringId: ringId(reader["ringId"]),
    members: nodeIds(reader["members"], "members"),
    recovery: list(reader["recovery"], "recovery", wireLimits.nodeIdsMax).map(recoverySet),
    groups: list(reader["groups"], "groups", wireLimits.nodeIdsMax).map((entry) => {
      const member = record(entry, "groups");
      return { nodeId: nodeId(member["nodeId"], "nodeId"), groups: groupNames(member["groups"]) };
    }),
  };
}
