import type { CibSession } from "./commands/types.js";
import { finalCommit } from "./commands/configure-support.js";
import type { ShellContext } from "./context.js";
import type { StreamOutput } from "./output.js";
import type { Shell } from "./shell.js";

/** A logical line of a script: physical lines joined at a trailing backslash. */
export interface ScriptLine {
  readonly text: string;
  /** 1-based number of its first physical line. */
  readonly line: number;
}

export function scriptLines(text: string): ScriptLine[] {
  const lines: ScriptLine[] = [];
  const physical = text.split(/\r?\n/);
  for (let index = 0; index < physical.length; index++) {
    const first = index;
    let joined = physical[index] ?? "";
    while (/\\\s*$/.test(joined) && index + 1 < physical.length) {
      index += 1;
      joined = `${joined.replace(/\s+$/, "")}\n${physical[index] ?? ""}`;
    }
    lines.push({ text: joined, line: first + 1 });
  }
  return lines;
}

/**
 * A script (`-f FILE`, or commands on stdin) is one transaction: every line runs against the
 * working copy, and the CIB is written once at the end, or, after any error, not at all.
 * Returns the exit code.
 */
export async function runBatch(
  shell: Shell,
  context: ShellContext,
  output: StreamOutput,
  text: string,
): Promise<number> {
  let failures = 0;
  for (const { text: line, line: number } of scriptLines(text)) {
    if (shell.finished) break;
    if (!(await shell.runLine(line, number))) failures += 1;
  }
  if (!(await shell.finish())) failures += 1;
  const session: CibSession | undefined = context.openedSession;
  if (session === undefined || !session.changed) return failures > 0 ? 1 : 0;
  if (failures > 0 || output.errorCount > 0) {
    output.error("The script had errors: nothing was written");
    return 1;
  }
  const committed = await finalCommit(context, session);
  return committed.kind === "done" ? 0 : 1;
}
