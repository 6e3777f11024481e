/**
 * Shared helpers of the CST → AST visitor: token text and spans, issue collection, ids.
 */
import type { IToken } from "chevrotain";
import { issue, nearest, type Issue, type Span } from "../../backend/base/index.js";
import type { NameValue, Reference } from "../ast.js";
import type { TokenPayload } from "../classify.js";

/** Issue codes of the grammar area (stable: completion, shell and tests match on them). */
export type GrammarIssueCode =
  | "syntax"
  | "unknown_command"
  | "invalid_id"
  | "invalid_score"
  | "invalid_kind"
  | "invalid_role"
  | "invalid_action"
  | "invalid_value"
  | "unmatched_bracket"
  | "duplicate_child"
  | "attribute_order"
  | "mixed_boolean_ops"
  | "missing_part"
  | "unknown_keyword";

/** A writable view of an AST node while it is assembled (optional fields set when present). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const noSpan: Span = { line: 1, column: 1, offset: 0, length: 0 };

/** At most this many issues are kept per statement (the rest are consequences). */
export const issuesPerStatementMax = 20;

/** Collects issues while one statement is turned into its AST. */
export class AstContext {
  readonly issues: Issue<GrammarIssueCode>[] = [];
  constructor(readonly statementSpan: Span) {}

  error(code: GrammarIssueCode, message: string, span: Span | undefined, suggestion?: string) {
    if (this.issues.length >= issuesPerStatementMax) return;
    this.issues.push(
      issue(code, message, {
        span: span ?? this.statementSpan,
        ...(suggestion === undefined ? {} : { suggestion }),
      }),
    );
  }

  warn(code: GrammarIssueCode, message: string, span: Span | undefined) {
    this.issues.push(issue(code, message, { span: span ?? this.statementSpan, severity: "warning" }));
  }

  /** Reports `word` when it is not one of `allowed` (case-insensitive); returns canonical. */
  oneOf<T extends string>(
    word: string,
    allowed: readonly T[],
    report: { code: GrammarIssueCode; what: string; span: Span; subject?: string },
  ): T | undefined {
    const found = allowed.find((candidate) => candidate.toLowerCase() === word.toLowerCase());
    if (found !== undefined) return found;
    const subject = report.subject === undefined ? "" : ` for "${report.subject}"`;
    this.error(report.code, `Invalid ${report.what} "${word}"${subject}`, report.span,
      nearest(word, allowed));
    return undefined;
  }
}

export function valueOf(token: IToken | undefined): string {
  const payload = token?.payload as TokenPayload | undefined;
  return payload?.value ?? "";
}

export function spanOf(token: IToken | undefined, fallback: Span = noSpan): Span {
  const payload = token?.payload as TokenPayload | undefined;
  return payload?.span ?? fallback;
}

/** True for tokens the parser inserted while recovering (they carry no text). */
export function isVirtual(token: IToken | undefined): boolean {
  return token === undefined || token.payload === undefined;
}

export function reference(token: IToken): Reference {
  return { id: valueOf(token), span: spanOf(token) };
}

/** `name=value` split at the first `=`. */
export function splitAssignment(text: string): { name: string; value: string } {
  const at = text.indexOf("=");
  if (at < 0) return { name: text, value: "" };
  return { name: text.slice(0, at), value: text.slice(at + 1) };
}

export function nameValue(token: IToken): NameValue {
  const { name, value } = splitAssignment(valueOf(token));
  return { name, value, span: spanOf(token) };
}

/** The text of a `$id=ID` / `$id-ref=ID` / `$role=R` / `role=R` token after the `=`. */
export function assignedValue(token: IToken | undefined): string | undefined {
  if (token === undefined || isVirtual(token)) return undefined;
  return splitAssignment(valueOf(token)).value;
}

/** A score label or set-id label without its trailing colon. */
export function labelText(token: IToken): string {
  const text = valueOf(token);
  return text.endsWith(":") ? text.slice(0, -1) : text;
}

/** All tokens of several CST children arrays, in input order. */
export function inOrder(...groups: (readonly IToken[] | undefined)[]): IToken[] {
  const present = groups.filter((group) => group !== undefined && group.length > 0);
  if (present.length <= 1) return [...(present[0] ?? [])];
  const all: IToken[] = [];
  for (const group of groups) if (group !== undefined) all.push(...group);
  return all.sort((a, b) => a.startOffset - b.startOffset);
}

const objectId = /^[A-Za-z_][\w.-]*$/;

/** Checks an object id (`^[A-Za-z_][\w.-]*$`, crmsh.md §1.1). */
export function checkId(context: AstContext, id: string, span: Span, what = "object id"): void {
  if (!objectId.test(id)) context.error("invalid_id", `Invalid ${what} "${id}"`, span);
}

/** Returns `text` after `prefix` (case-insensitive), or undefined. */
export function afterPrefix(text: string, prefix: string): string | undefined {
  return text.toLowerCase().startsWith(prefix) ? text.slice(prefix.length) : undefined;
}
