import type { Issue, Span } from "../../base/index.js";

/** Issue codes of AST → CIB. */
export type ToCibCode =
  | "duplicate_id"
  | "invalid_id"
  | "missing_reference"
  | "child_in_use"
  | "wrong_child_kind"
  | "invalid_acl_spec"
  | "invalid_kind"
  | "invalid_xml"
  | "invalid_node_type"
  | "constraint_redirected"
  | "unsupported";

export type ToCibIssue = Issue<ToCibCode>;

/** What builders may ask of the CIB being edited (read only) and where they report issues. */
export interface BuildContext {
  /** Providers installed for an OCF type, to complete a provider-less agent. */
  ocfProviders(type: string): readonly string[];
  /** The CIB's `validate-with` schema (`pacemaker-3.9`). */
  validateWith(): string;
  /** Unames of the nodes the CIB had before this batch (target-less fencing_topology). */
  knownNodeUnames(): readonly string[];
  report(issue: ToCibIssue): void;
}

export function issueAt(
  code: ToCibCode,
  message: string,
  span: Span,
  severity: "error" | "warning" = "error",
): ToCibIssue {
  return { code, message, span, severity };
}

/** True for schemas with the 2.0 ACL model (pacemaker-2.0 and later): no `<acl_user>`. */
export function hasModernAcls(validateWith: string): boolean {
  const match = /^pacemaker-(\d+)\./.exec(validateWith);
  return match === null || Number(match[1]) >= 2;
}
