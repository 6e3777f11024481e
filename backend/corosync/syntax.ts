import { issue } from "../base/index.js";
import type { Issue } from "../base/index.js";

/** One `key: value` line of corosync.conf. */
export interface ConfEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

/** A `name { ... }` block (the whole file is an unnamed root section). */
export interface ConfSection {
  readonly name: string;
  readonly line: number;
  readonly entries: ConfEntry[];
  readonly sections: ConfSection[];
}

export type SyntaxIssue = Issue<"unclosed_section" | "unexpected_close" | "bad_line">;

const sectionOpen = /^([A-Za-z0-9_.-]+)\s*\{$/;
const keyValue = /^([A-Za-z0-9_.-]+)\s*:\s*(.*)$/;

/** Drops a `#` comment that starts a line or follows whitespace. */
function stripComment(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith("#")) return "";
  const inline = trimmed.search(/\s#/);
  return inline < 0 ? trimmed : trimmed.slice(0, inline).trim();
}

function lineIssue(
  code: SyntaxIssue["code"],
  message: string,
  where: { file: string; line: number; text: string },
): SyntaxIssue {
  return issue(code, `${where.file}:${where.line}: ${message}`, {
    span: { line: where.line, column: 1, offset: 0, length: where.text.length },
  });
}

/**
 * Parses corosync.conf's block syntax (as corosync's coroparse reads it: one `key: value`,
 * `name {` or `}` per line, `#` comments) into a section tree. Never throws.
 */
export function parseConfSyntax(
  text: string,
  file: string,
): { readonly root: ConfSection; readonly issues: readonly SyntaxIssue[] } {
  const root: ConfSection = { name: "", line: 0, entries: [], sections: [] };
  const stack: ConfSection[] = [root];
  const issues: SyntaxIssue[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = stripComment(raw);
    const current = stack[stack.length - 1] ?? root;
    const where = { file, line, text: raw };
    if (content === "") return;
    const opened = sectionOpen.exec(content);
    if (opened !== null) {
      const section: ConfSection = { name: opened[1] ?? "", line, entries: [], sections: [] };
      current.sections.push(section);
      stack.push(section);
      return;
    }
    if (content === "}") {
      if (stack.length > 1) stack.pop();
      else issues.push(lineIssue("unexpected_close", `Unexpected "}" outside any section`, where));
      return;
    }
    const pair = keyValue.exec(content);
    if (pair !== null) {
      current.entries.push({ key: pair[1] ?? "", value: (pair[2] ?? "").trim(), line });
      return;
    }
    issues.push(
      lineIssue("bad_line", `Expected "key: value", "name {" or "}", got "${content}"`, where),
    );
  });
  for (const open of stack.slice(1)) {
    issues.push(
      lineIssue("unclosed_section", `Section "${open.name}" is never closed`, {
        file,
        line: open.line,
        text: "",
      }),
    );
  }
  return { root, issues };
}
