import { fail, issue, ok } from "../../backend/base/index.js";
import type { Result } from "../../backend/base/index.js";
import type { AttributeChange } from "./core-types.js";

/** What attrd instances tell each other in the attrd group (JSON, validated on receipt). */
export type AttrdMessage =
  /** Set (value) or delete (null) one node's value; `requestId` lets the origin answer. */
  | {
      readonly kind: "update";
      readonly node: string;
      readonly name: string;
      readonly value: string | null;
      readonly dampenMs?: number;
      readonly requestId?: string;
    }
  /**
   * After a join: the sender's values for the nodes in `nodes`, which replace what receivers
   * hold for those nodes (each member speaks for its own node; the writer also for absent ones).
   */
  | {
      readonly kind: "sync";
      readonly nodes: readonly string[];
      readonly values: readonly SyncedValue[];
      /** Every other member answers with its own sync. */
      readonly answerWanted: boolean;
      /**
       * The sender itself just joined the group (started, or back from a partition): what the
       * status section holds for it is from before, and the writer clears it first.
       */
      readonly joining: boolean;
      /** Nodes whose clear the sender knows is still to be made (for a new writer). */
      readonly clears: readonly string[];
    }
  /** Several values of one node set together (one CIB write). */
  | {
      readonly kind: "updates";
      readonly node: string;
      readonly values: readonly AttributeChange[];
      readonly requestId?: string;
    }
  /** Delete a node's fail-count-RSC… and last-failure-RSC… values. */
  | {
      readonly kind: "clear_failures";
      readonly node: string;
      readonly resource: string;
      readonly requestId?: string;
    }
  /** The writer cleared a node's transient attributes from the status section. */
  | { readonly kind: "cleared"; readonly node: string };

export interface SyncedValue {
  readonly node: string;
  readonly name: string;
  readonly value: string;
  readonly dampenMs: number;
}

export type AttrdWireCode = "bad_attrd_message";

export function encodeAttrdMessage(message: AttrdMessage): string {
  return JSON.stringify(message);
}

type Fields = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

function isDelay(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function decodeUpdate(record: Fields): AttrdMessage | undefined {
  const { node, name, value, dampenMs, requestId } = record;
  if (!isText(node) || !isText(name)) return undefined;
  if (value !== null && typeof value !== "string") return undefined;
  if (dampenMs !== undefined && !isDelay(dampenMs)) return undefined;
  if (requestId !== undefined && !isText(requestId)) return undefined;
  return {
    kind: "update",
    node,
    name,
    value,
    ...(dampenMs === undefined ? {} : { dampenMs }),
    ...(requestId === undefined ? {} : { requestId }),
  };
}

function decodeChange(entry: unknown): AttributeChange | undefined {
  if (!isRecord(entry)) return undefined;
  const { name, value } = entry;
  if (!isText(name) || (value !== null && typeof value !== "string")) return undefined;
  return { name, value };
}

function decodeUpdates(record: Fields): AttrdMessage | undefined {
  const { node, values, requestId } = record;
  if (!isText(node) || !Array.isArray(values)) return undefined;
  if (requestId !== undefined && !isText(requestId)) return undefined;
  const decoded = values.map(decodeChange);
  if (decoded.some((entry) => entry === undefined)) return undefined;
  return {
    kind: "updates",
    node,
    values: decoded.filter((entry) => entry !== undefined),
    ...(requestId === undefined ? {} : { requestId }),
  };
}

function decodeClearFailures(record: Fields): AttrdMessage | undefined {
  const { node, resource, requestId } = record;
  if (!isText(node) || !isText(resource)) return undefined;
  if (requestId !== undefined && !isText(requestId)) return undefined;
  return {
    kind: "clear_failures",
    node,
    resource,
    ...(requestId === undefined ? {} : { requestId }),
  };
}

function decodeSyncedValue(entry: unknown): SyncedValue | undefined {
  if (!isRecord(entry)) return undefined;
  const { node, name, value, dampenMs } = entry;
  if (!isText(node) || !isText(name) || typeof value !== "string" || !isDelay(dampenMs))
    return undefined;
  return { node, name, value, dampenMs };
}

function decodeSync(record: Fields): AttrdMessage | undefined {
  const { nodes, values, answerWanted, joining, clears } = record;
  if (!Array.isArray(nodes) || !nodes.every(isText) || !Array.isArray(values)) return undefined;
  if (typeof answerWanted !== "boolean" || typeof joining !== "boolean") return undefined;
  if (!Array.isArray(clears) || !clears.every(isText)) return undefined;
  const decoded = values.map(decodeSyncedValue);
  if (decoded.some((entry) => entry === undefined)) return undefined;
  const synced = decoded.filter((entry) => entry !== undefined);
  return { kind: "sync", nodes, values: synced, answerWanted, joining, clears };
}

/** Validates one attrd group payload. Never throws on bad input. */
export function decodeAttrdMessage(payload: string): Result<AttrdMessage, AttrdWireCode> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return fail([issue("bad_attrd_message", "The attrd message is not valid JSON")]);
  }
  const record = isRecord(parsed) ? parsed : {};
  const kind = record["kind"];
  const decoders: Record<string, (fields: Fields) => AttrdMessage | undefined> = {
    update: decodeUpdate,
    updates: decodeUpdates,
    clear_failures: decodeClearFailures,
    sync: decodeSync,
    cleared: (fields) =>
      isText(fields["node"]) ? { kind: "cleared", node: fields["node"] } : undefined,
  };
  const decoder =
    typeof kind === "string" && Object.hasOwn(decoders, kind) ? decoders[kind] : undefined;
  const message = decoder?.(record);
  if (message === undefined) {
    return fail([issue("bad_attrd_message", `Malformed attrd message ${JSON.stringify(kind)}`)]);
  }
  return ok(message);
}
