import type { Result } from "../../../backend/base/index.js";
import { fail, issue, ok } from "../../../backend/base/index.js";
import { readToolOptions, type ToolOptionTable } from "./tool-options.js";

/** What one attrd_updater call asks for (transient attributes only, as attrd holds them). */
export interface UpdaterCommand {
  readonly operation: "update" | "delete" | "query";
  readonly node: string;
  readonly name: string;
  readonly value?: string;
  /** `-d`/`-B`: the dampening delay of the attribute. */
  readonly dampenMs?: number;
}

const table: ToolOptionTable = {
  valued: new Set(["name", "update", "update-both", "delay", "node", "lifetime", "set"]),
  flags: new Set(["delete", "query", "private", "all", "quiet"]),
  shortNames: {
    n: "name",
    U: "update",
    v: "update",
    B: "update-both",
    d: "delay",
    N: "node",
    l: "lifetime",
    s: "set",
    D: "delete",
    Q: "query",
    p: "private",
    A: "all",
    q: "quiet",
  },
};

/** Pacemaker's durations (crm_get_msec): a bare number is seconds; ms, s, m, h suffixes. */
export function durationMs(text: string): number | undefined {
  const match = /^\s*(\d+)\s*(ms|msec|s|sec|m|min|h|hr)?\s*$/.exec(text);
  if (match === null) return undefined;
  const amount = Number(match[1]);
  const unit = match[2] ?? "s";
  const scale: Record<string, number> = {
    ms: 1,
    msec: 1,
    s: 1000,
    sec: 1000,
    m: 60_000,
    min: 60_000,
    h: 3_600_000,
    hr: 3_600_000,
  };
  return amount * (scale[unit] ?? 1000);
}

/**
 * Reads attrd_updater's options (Pacemaker 2.1): -n NAME with -U/-v VALUE, -B VALUE (value and
 * delay), -D or -Q; -d DELAY; -N NODE (the local node by default); -p, -A, -l and -s are
 * accepted and have no effect here.
 */
export function parseUpdaterOptions(
  argv: readonly string[],
  localNode: string | undefined,
): Result<UpdaterCommand> {
  const read = readToolOptions(argv, table);
  if (read.issues.length > 0) return fail(read.issues);
  const options = new Map(read.options);
  const name = options.get("name");
  if (name === undefined || name === "")
    return fail([issue("missing_name", "Give the attribute's name with -n/--name")]);
  const node = options.get("node") ?? localNode;
  if (node === undefined || node === "")
    return fail([
      issue("missing_node", "Give the node with -N/--node (the local node is unknown)"),
    ]);
  const delayText = options.get("delay");
  const dampenMs = delayText === undefined ? undefined : durationMs(delayText);
  if (delayText !== undefined && dampenMs === undefined) {
    return fail([
      issue("bad_delay", `Bad delay "${delayText}" (a number of seconds, or with ms, s, m or h)`),
    ]);
  }
  const value = options.get("update") ?? options.get("update-both");
  const operation = options.has("delete")
    ? "delete"
    : options.has("query")
      ? "query"
      : value !== undefined
        ? "update"
        : undefined;
  if (operation === undefined)
    return fail([issue("missing_operation", "Give one of -U/-v VALUE, -B VALUE, -D or -Q")]);
  return ok({
    operation,
    node,
    name,
    ...(value === undefined || operation !== "update" ? {} : { value }),
    ...(dampenMs === undefined ? {} : { dampenMs }),
  });
}
