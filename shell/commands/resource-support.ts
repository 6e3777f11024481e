import type { Result } from "../../backend/base/index.js";
import type { AdminChange } from "../../backend/admin/index.js";
import { knownNodeNames } from "../../backend/admin/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { withSession } from "./configure-support.js";
import { waitForCluster } from "./resource-wait.js";
import type { CibSession, CommandContext, Outcome } from "./types.js";
import { done, failed } from "./types.js";

/** How a command prints the lines its transformation returns. */
export type NotesAs = "line" | "info";

/**
 * Runs a runtime change (resource and node levels) on the session's CIB and commits it at once,
 * as crmsh does; while configure has staged edits the change joins them instead ("Currently
 * editing the CIB, changes will not be committed").
 */
export async function applyChange(
  context: CommandContext,
  change: (cib: XmlElement, session: CibSession) => Result<AdminChange>,
  notesAs: NotesAs = "info",
): Promise<Outcome> {
  return withSession(context, async (session) => {
    const editing = session.changed;
    const result = change(session.working, session);
    if (!result.ok) {
      context.output.issues(result.issues);
      return failed;
    }
    session.stage(result.value.cib);
    if (editing) context.output.info("Currently editing the CIB, changes will not be committed");
    else {
      const issues = await session.commit();
      if (issues.length > 0) {
        context.output.issues(issues);
        return failed;
      }
    }
    for (const note of result.value.notes) {
      if (notesAs === "line") context.output.line(note);
      else context.output.info(note);
    }
    return (await waitForCluster(context, session)) ? done : failed;
  });
}

/** Runs a read-only query of the session's CIB and prints its lines. */
export async function showQuery(
  context: CommandContext,
  query: (cib: XmlElement) => Result<readonly string[]>,
): Promise<Outcome> {
  return withSession(context, (session) => {
    const result = query(session.working);
    if (!result.ok) {
      context.output.issues(result.issues);
      return failed;
    }
    for (const line of result.value) context.output.line(line);
    return done;
  });
}

/** Prints a usage error in crmsh's words and fails. */
export function usage(context: CommandContext, text: string): Outcome {
  context.output.error(`usage: ${text}`);
  return failed;
}

/** Known node names of the CIB the session works on (for argument disambiguation). */
export async function nodeNames(context: CommandContext): Promise<readonly string[]> {
  const session = await context.cib();
  return "working" in session ? knownNodeNames(session.working) : [];
}

/** The wall clock in epoch seconds (lifetimes end at now + duration). */
export function wallClockSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
