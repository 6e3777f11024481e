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
  let pending: ScriptLine | undefined;
  text.split(/\r?\n/).forEach((physical, index) => {
    pending = joinContinued(pending, physical, index + 1, (line) => lines.push(line));
  });
  if (pending !== undefined) lines.push(pending);
  return lines;
}

/** The same, over lines as they arrive (standard input read while commands run). */
export async function* streamedScriptLines(
  physicalLines: AsyncIterable<string>,
): AsyncGenerator<ScriptLine> {
  let pending: ScriptLine | undefined;
  let number = 0;
  const ready: ScriptLine[] = [];
  for await (const physical of physicalLines) {
    number += 1;
    pending = joinContinued(pending, physical.replace(/\r$/, ""), number, (line) =>
      ready.push(line),
    );
    yield* ready.splice(0);
  }
  if (pending !== undefined) yield pending;
}

/** Adds a physical line to a pending logical one; emits logical lines once complete. */
function joinContinued(
  pending: ScriptLine | undefined,
  physical: string,
  number: number,
  emit: (line: ScriptLine) => void,
): ScriptLine | undefined {
  const joined: ScriptLine =
    pending === undefined
      ? { text: physical, line: number }
      : { text: `${pending.text.replace(/\s+$/, "")}\n${physical}`, line: pending.line };
  if (/\\\s*$/.test(physical)) return joined;
  emit(joined);
  return undefined;
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
  lines: Iterable<ScriptLine> | AsyncIterable<ScriptLine>,
): Promise<number> {
  let failures = 0;
  for await (const { text: line, line: number } of lines) {
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
