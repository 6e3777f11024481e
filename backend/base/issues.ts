/** A position in user input: 1-based line and column, and 0-based offsets. */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  readonly length: number;
}

/**
 * An expected failure of user input (syntax, unknown id, bad score, bad frame).
 * Each area narrows the code: `type CibIssue = Issue<"unknown_id" | ...>`.
 */
export interface Issue<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
  readonly severity?: "error" | "warning";
  readonly span?: Span;
  readonly path?: readonly string[];
  /** Nearest keyword or id, when one is close enough to be a likely typo. */
  readonly suggestion?: string;
}

export function issue<Code extends string>(
  code: Code,
  message: string,
  extra: Omit<Issue<Code>, "code" | "message"> = {},
): Issue<Code> {
  return { code, message, ...extra };
}

export function isError(candidate: Issue): boolean {
  return candidate.severity !== "warning";
}
