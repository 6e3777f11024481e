import type { Issue, Result } from "../base/index.js";
import { fail, issue, nearest, ok } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";
import { cloneNode } from "../cib/index.js";

/** A CIB transformation's result: the new document and the lines the tool prints. */
export interface AdminChange {
  readonly cib: XmlElement;
  readonly notes: readonly string[];
}

export type AdminCode =
  | "unknown_resource"
  | "unknown_node"
  | "not_promotable"
  | "bad_arguments"
  | "bad_lifetime"
  | "not_located"
  | "no_status"
  | "node_active"
  | "no_fail_count"
  | "unknown_attribute";

export type AdminIssue = Issue<AdminCode>;

/** Runs `edit` on a copy of the CIB (trees are never changed in place). */
export function changeCopy(
  cib: XmlElement,
  edit: (copy: XmlElement) => readonly string[] | AdminIssue,
): Result<AdminChange, AdminCode> {
  const copy = cloneNode(cib);
  const notes = edit(copy);
  if ("code" in notes) return fail([notes]);
  return ok({ cib: copy, notes });
}

/** An issue naming what is missing and, when one is close, the likely intended name. */
export function unknownName(
  code: "unknown_resource" | "unknown_node",
  name: string,
  known: readonly string[],
): AdminIssue {
  const what = code === "unknown_resource" ? "resource" : "node";
  const suggestion = nearest(name, known);
  return issue(code, `No ${what} "${name}" in the CIB`, {
    ...(suggestion === undefined ? {} : { suggestion: `did you mean "${suggestion}"?` }),
  });
}

export function badArguments(message: string): AdminIssue {
  return issue("bad_arguments", message);
}
