import { fail, issue, ok } from "../../backend/base/index.js";
import type { Result } from "../../backend/base/index.js";
import { fenceActions, fenceStates } from "../../backend/protocol/index.js";
import type { FenceAction, FenceEvent } from "../../backend/protocol/index.js";
import type { HistoryEntry } from "./core-types.js";

/** What fencers tell each other in the stonith-ng group (JSON, validated on receipt). */
export type FencerMessage =
  | {
      readonly kind: "request";
      readonly opId: string;
      readonly target: string;
      readonly action: FenceAction;
      readonly origin: string;
      readonly client: string;
      /**
       * The announce the origin had last seen delivered when it sent this: a copy sent before
       * a later restart is stale (the origin asked again at that restart).
       */
      readonly restart?: string;
    }
  | { readonly kind: "result"; readonly opId: string; readonly event: FenceEvent }
  /** The sender's history, sent to members that joined. */
  /** The sender's history, offered at a restart (`restart`: that restart's announce id). */
  | {
      readonly kind: "history";
      readonly entries: readonly HistoryEntry[];
      readonly restart?: string;
    }
  /**
   * The sender saw members join (it may have restarted without the others noticing): every
   * member restarts its operations at this message. `id` is unique (`<node>-<incarnation>-a<n>`).
   */
  | { readonly kind: "announce"; readonly id: string };

export type FencerWireCode = "bad_fencer_message";

export function encodeFencerMessage(message: FencerMessage): string {
  return JSON.stringify(message);
}

type Fields = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

function optionalText(record: Fields, name: string): Record<string, string> | undefined {
  const value = record[name];
  if (value === undefined) return {};
  return typeof value === "string" ? { [name]: value } : undefined;
}

function decodeEvent(value: unknown): FenceEvent | undefined {
  if (!isRecord(value)) return undefined;
  const { target, action, state, origin, client, completedMs } = value;
  const knownAction = fenceActions.find((entry) => entry === action);
  const knownState = fenceStates.find((entry) => entry === state);
  if (!isText(target) || knownAction === undefined || knownState === undefined) return undefined;
  if (!isText(origin) || !isText(client)) return undefined;
  if (completedMs !== undefined && !Number.isSafeInteger(completedMs)) return undefined;
  const extras = ["delegate", "device", "reason"].map((name) => optionalText(value, name));
  if (extras.some((extra) => extra === undefined)) return undefined;
  return {
    target,
    action: knownAction,
    state: knownState,
    origin,
    client,
    ...Object.assign({}, ...extras),
    ...(completedMs === undefined ? {} : { completedMs }),
  } as FenceEvent;
}

function decodeEntry(value: unknown): HistoryEntry | undefined {
  if (!isRecord(value) || !isText(value["opId"])) return undefined;
  const event = decodeEvent(value["event"]);
  return event === undefined ? undefined : { opId: value["opId"], event };
}

function decodeRequest(record: Fields): FencerMessage | undefined {
  const { opId, target, action, origin, client, restart } = record;
  const knownAction = fenceActions.find((entry) => entry === action);
  if (!isText(opId) || !isText(target) || !isText(origin) || !isText(client)) return undefined;
  if (knownAction === undefined || (restart !== undefined && !isText(restart))) return undefined;
  const request = { kind: "request", opId, target, action: knownAction, origin, client } as const;
  return restart === undefined ? request : { ...request, restart };
}

function decodeBody(record: Fields): FencerMessage | undefined {
  switch (record["kind"]) {
    case "request":
      return decodeRequest(record);
    case "result": {
      const entry = decodeEntry(record);
      return entry === undefined ? undefined : { kind: "result", ...entry };
    }
    case "announce":
      return isText(record["id"]) ? { kind: "announce", id: record["id"] } : undefined;
    case "history": {
      const entries = Array.isArray(record["entries"])
        ? record["entries"].map(decodeEntry)
        : [undefined];
      const restart = record["restart"];
      if (entries.some((entry) => entry === undefined)) return undefined;
      if (restart !== undefined && !isText(restart)) return undefined;
      const kept = entries.filter((entry) => entry !== undefined);
      return { kind: "history", entries: kept, ...(restart === undefined ? {} : { restart }) };
    }
    default:
      return undefined;
  }
}

/** Validates one stonith-ng group payload. Never throws on bad input. */
export function decodeFencerMessage(payload: string): Result<FencerMessage, FencerWireCode> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return fail([issue("bad_fencer_message", "The fencer message is not valid JSON")]);
  }
  const message = isRecord(parsed) ? decodeBody(parsed) : undefined;
  if (message === undefined) return fail([issue("bad_fencer_message", "Malformed fencer message")]);
  return ok(message);
}
