import { fail, issue, ok } from "../../backend/base/index.js";
import type { Result } from "../../backend/base/index.js";
import { isNodeId } from "../kernel/index.js";
import type { Message, MessageKind } from "../membership/index.js";

/**
 * Membership messages on the wire: UTF-8 JSON inside the transport's encrypted frames. A peer
 * holding the authkey can still run other code, so every field is checked before the core
 * sees the message.
 */
type Check = (value: unknown, path: string) => void;

class ShapeError {
  constructor(readonly message: string) {}
}

function expect(condition: boolean, path: string, what: string): void {
  if (!condition) throw new ShapeError(`${path} must be ${what}`);
}

const count: Check = (value, path) => {
  expect(typeof value === "number" && Number.isSafeInteger(value) && value >= 0, path, "a count");
};
const text: Check = (value, path) => expect(typeof value === "string", path, "a string");
const flag: Check = (value, path) => expect(typeof value === "boolean", path, "a boolean");
const nodeId: Check = (value, path) => expect(isNodeId(value), path, "a nodeid");

function list(item: Check): Check {
  return (value, path) => {
    expect(Array.isArray(value), path, "a list");
    (value as unknown[]).forEach((entry, index) => item(entry, `${path}[${index}]`));
  };
}

function choice(...choices: readonly string[]): Check {
  return (value, path) => expect(choices.includes(value as string), path, choices.join(" or "));
}

function shape(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (value, path) => {
    expect(typeof value === "object" && value !== null && !Array.isArray(value), path, "an object");
    const record = value as Record<string, unknown>;
    for (const [name, check] of Object.entries(required)) check(record[name], `${path}.${name}`);
    for (const [name, check] of Object.entries(optional)) {
      if (record[name] !== undefined) check(record[name], `${path}.${name}`);
    }
  };
}

const ringId = shape({ representative: nodeId, seq: count });
const ordered = shape(
  { seq: count, sender: nodeId, localSeq: count, group: text, payload: text },
  { to: nodeId, control: choice("group_join", "group_leave") },
);

const schemas: Readonly<Record<MessageKind, Check>> = {
  heartbeat: shape({ operational: flag, receivedThrough: count, stableSeq: count }, { ringId }),
  join: shape(
    { counter: count, procSet: list(nodeId), failedSet: list(nodeId), ringSeqMax: count },
    { ringId },
  ),
  commit: shape({ ringId, members: list(nodeId) }),
  commit_ack: shape(
    { ringId, deliveredThrough: count, messages: list(ordered), groups: list(text) },
    { oldRingId: ringId },
  ),
  install: shape({
    ringId,
    members: list(nodeId),
    recovery: list(shape({ oldRingId: ringId, finalSeq: count, messages: list(ordered) })),
    groups: list(shape({ nodeId, groups: list(text) })),
  }),
  submit: shape(
    { ringId, localSeq: count, group: text, payload: text },
    { to: nodeId, control: choice("group_join", "group_leave") },
  ),
  ordered: shape({ ringId, message: ordered }),
  leave: shape({}, { ringId }),
};

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

export function encodeMembershipMessage(message: Message): Uint8Array {
  return encoder.encode(JSON.stringify(message));
}

/** Bytes from an authenticated peer → a checked Message, or an issue saying what was wrong. */
export function decodeMembershipMessage(bytes: Uint8Array): Result<Message, "bad_message"> {
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes));
    expect(typeof value === "object" && value !== null, "message", "an object");
    const kind = (value as { kind?: unknown }).kind;
    const known = typeof kind === "string" && Object.hasOwn(schemas, kind);
    const schema = known ? schemas[kind as MessageKind] : undefined;
    if (schema === undefined)
      return fail([issue("bad_message", `Unknown message kind ${JSON.stringify(kind)}`)]);
    schema(value, "message");
    return ok(value as Message);
  } catch (error) {
    const reason = error instanceof ShapeError ? error.message : "the message is not UTF-8 JSON";
    return fail([issue("bad_message", reason)]);
  }
}
