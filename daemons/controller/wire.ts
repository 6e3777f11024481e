import { fail, ok, type Result } from "../../backend/base/index.js";
import type { AgentRef, ExecRequest, OpRecord, ResourceHistory } from "./core-types.js";

/**
 * What controllers say to each other over the `crmd` process group, in agreed order
 * (Pacemaker's join_offer / join_request and the transition engine's action requests).
 * `join_offer`: the DC opens join round `joinId`; `join_request`: a member answers with its
 * executor history; `action`: the DC asks a member to run one graph action; `action_result`:
 * the member's records of a run (`actionId` -1 for a recurring monitor's change of rc);
 * `shutdown_request`: a member wants to leave cleanly.
 */
export type ControllerMessage =
  | { readonly kind: "join_offer"; readonly joinId: number }
  | {
      readonly kind: "join_request";
      readonly joinId: number;
      /** The member is shutting down (so the DC keeps or clears its `shutdown` attribute). */
      readonly shuttingDown: boolean;
      readonly history: readonly ResourceHistory[];
    }
  | {
      readonly kind: "action";
      /** The member that runs it (messages may reach every member). */
      readonly target: number;
      readonly transition: number;
      readonly actionId: number;
      readonly request: ExecRequest;
    }
  | {
      readonly kind: "action_result";
      readonly transition: number;
      readonly actionId: number;
      readonly resource: string;
      readonly agent: AgentRef;
      readonly records: readonly OpRecord[];
      /** True when the result was what the DC expected. */
      readonly expected: boolean;
    }
  | { readonly kind: "shutdown_request" };

export type ControllerWireCode = "bad_controller_message";

export function encodeControllerMessage(message: ControllerMessage): string {
  return JSON.stringify(message);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringMap(value: unknown): boolean {
  return isRecord(value) && Object.values(value).every((entry) => typeof entry === "string");
}

function isAgent(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value["className"] === "string" &&
    typeof value["type"] === "string" &&
    (value["provider"] === undefined || typeof value["provider"] === "string")
  );
}

function isHistory(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value["id"] === "string" &&
    isAgent(value["agent"]) &&
    Array.isArray(value["ops"]) &&
    value["ops"].every(isStringMap)
  );
}

function isRequest(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const { resource, agent, operation, intervalMs, timeoutMs, params, expectedRc, transitionKey } =
    value;
  return (
    typeof resource === "string" &&
    isAgent(agent) &&
    typeof operation === "string" &&
    Number.isSafeInteger(intervalMs) &&
    Number.isSafeInteger(timeoutMs) &&
    isStringMap(params) &&
    Number.isSafeInteger(expectedRc) &&
    typeof transitionKey === "string"
  );
}

function check(record: Record<string, unknown>): boolean {
  switch (record["kind"]) {
    case "join_offer":
      return Number.isSafeInteger(record["joinId"]);
    case "join_request":
      return (
        Number.isSafeInteger(record["joinId"]) &&
        typeof record["shuttingDown"] === "boolean" &&
        Array.isArray(record["history"]) &&
        record["history"].every(isHistory)
      );
    case "action":
      return (
        Number.isSafeInteger(record["target"]) &&
        Number.isSafeInteger(record["transition"]) &&
        Number.isSafeInteger(record["actionId"]) &&
        isRequest(record["request"])
      );
    case "action_result":
      return (
        Number.isSafeInteger(record["transition"]) &&
        Number.isSafeInteger(record["actionId"]) &&
        typeof record["resource"] === "string" &&
        isAgent(record["agent"]) &&
        Array.isArray(record["records"]) &&
        record["records"].every(isStringMap) &&
        typeof record["expected"] === "boolean"
      );
    case "shutdown_request":
      return true;
    default:
      return false;
  }
}

/** Decodes a delivered payload; never throws. */
export function decodeControllerMessage(
  text: string,
): Result<ControllerMessage, ControllerWireCode> {
  const value = parseJson(text);
  if (isRecord(value) && check(value)) return ok(value as ControllerMessage);
  return fail([
    { code: "bad_controller_message", message: "Dropped a malformed controller message" },
  ]);
}
