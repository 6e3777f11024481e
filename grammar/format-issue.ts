/**
 * An issue shown against its source text: position, the source line, a caret, the message
 * (which says what was expected) and a "did you mean" hint.
 */
import type { Issue } from "../backend/base/index.js";

export function formatIssue(text: string, found: Issue): string {
  const severity = found.severity === "warning" ? "warning" : "error";
  const where = found.path?.[0] === undefined ? "" : ` in ${found.path[0]}`;
  const span = found.span;
  const hint = found.suggestion === undefined ? [] : [`  did you mean "${found.suggestion}"?`];
  if (span === undefined) return [`${severity}${where}: ${found.message}`, ...hint].join("\n");
  const source = (text.split("\n")[span.line - 1] ?? "").replace(/\r$/, "");
  const visible = source.replace(/\t/g, " ");
  const caretColumn = Math.max(1, Math.min(span.column, visible.length + 1));
  const width = Math.max(1, Math.min(span.length, visible.length + 1 - caretColumn + 1));
  return [
    `${span.line}:${span.column}: ${severity}${where}: ${found.message}`,
    `  ${visible}`,
    `  ${" ".repeat(caretColumn - 1)}${"^".repeat(width)}`,
    ...hint,
  ].join("\n");
}
