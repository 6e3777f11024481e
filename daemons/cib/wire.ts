import { fail, ok, type Result } from "../../backend/base/index.js";
import type { CibVersion } from "../../backend/cib/index.js";

/**
 * What CIB replicas say to each other over the `cib` process group, in agreed order.
 * `announce`: this member's version and digest for a sync round; `sync`: the chosen copy,
 * whole; `write`: a client's patchset; `applied`: a member accepts the write (all commit it
 * once every member did); `committed`: a member committed and persisted it (the origin
 * acknowledges its client once every member did).
 */
export type CibMessage =
  | {
      readonly kind: "announce";
      readonly round: string;
      readonly version: CibVersion | null;
      readonly digest: string | null;
      /** Patchsets (XML) this member had pending when the view changed. */
      readonly pending: readonly string[];
    }
  | { readonly kind: "sync"; readonly round: string; readonly cibXml: string }
  | { readonly kind: "write"; readonly requestId: string; readonly patchsetXml: string }
  | { readonly kind: "applied"; readonly origin: number; readonly requestId: string }
  | { readonly kind: "committed"; readonly origin: number; readonly requestId: string };

export type CibWireCode = "bad_cib_message";

export function encodeCibMessage(message: CibMessage): string {
  return JSON.stringify(message);
}

function isVersion(value: unknown): value is CibVersion {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return ["adminEpoch", "epoch", "numUpdates"].every((key) => Number.isSafeInteger(record[key]));
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function check(record: Record<string, unknown>): boolean {
  switch (record["kind"]) {
    case "announce":
      return (
        isString(record["round"]) &&
        (record["version"] === null || isVersion(record["version"])) &&
        (record["digest"] === null || isString(record["digest"])) &&
        Array.isArray(record["pending"]) &&
        (record["pending"] as unknown[]).every(isString)
      );
    case "sync":
      return isString(record["round"]) && isString(record["cibXml"]);
    case "write":
      return isString(record["requestId"]) && isString(record["patchsetXml"]);
    case "applied":
    case "committed":
      return Number.isSafeInteger(record["origin"]) && isString(record["requestId"]);
    default:
      return false;
  }
}

/** Decodes a delivered payload; never throws. */
export function decodeCibMessage(text: string): Result<CibMessage, CibWireCode> {
  const value = parseJson(text);
  if (typeof value === "object" && value !== null && check(value as Record<string, unknown>)) {
    return ok(value as CibMessage);
  }
  return fail([{ code: "bad_cib_message", message: "Dropped a malformed CIB message" }]);
}
