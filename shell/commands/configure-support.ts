import type { Issue, Span } from "../../backend/base/index.js";
import { isError } from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import type { Result } from "../../backend/base/index.js";
import { verifyConfiguration } from "../../backend/configure/index.js";
import { changedObjectIds } from "../configure-language.js";
import { preferencesOf } from "./preferences.js";
import type { CibSession, CommandContext, Outcome } from "./types.js";
import { done, failed } from "./types.js";

/** Where staged objects came from (id → span of their statement), for verify's messages. */
const stagedPositions = new WeakMap<CibSession, Map<string, Span>>();

export function positionsOf(session: CibSession): Map<string, Span> {
  let positions = stagedPositions.get(session);
  if (positions === undefined) {
    positions = new Map();
    stagedPositions.set(session, positions);
  }
  return positions;
}

/** Runs `action` with the configuration session, printing why it cannot be opened. */
export async function withSession(
  context: CommandContext,
  action: (session: CibSession) => Promise<Outcome> | Outcome,
): Promise<Outcome> {
  const session = await context.cib();
  if (!("working" in session)) {
    context.output.issues(session);
    return failed;
  }
  return action(session);
}

/** Stages the result of a pure edit and prints its notes; prints issues on failure. */
export function stageEdit(
  context: CommandContext,
  session: CibSession,
  result: Result<{ readonly cib: XmlElement; readonly notes: readonly string[] }>,
): Outcome {
  if (!result.ok) {
    context.output.issues(result.issues);
    return failed;
  }
  for (const note of result.value.notes) context.output.info(note);
  session.stage(result.value.cib);
  return done;
}

/**
 * Prints verify's issues; true when none is an error. Before a commit, as crmsh does, the
 * warnings are those of the objects this session changed (`verify` shows every warning).
 */
export function checkStaged(
  context: CommandContext,
  session: CibSession,
  scope: "all" | "changed" = "changed",
): boolean {
  const issues = verifyConfiguration(session.working, { positions: positionsOf(session) });
  const changed =
    scope === "all" ? undefined : new Set(changedObjectIds(session.original, session.working));
  const shown = issues.filter((found) => {
    if (isError(found) || changed === undefined) return true;
    const id = found.path?.[0];
    return id === undefined || changed.has(id);
  });
  context.output.issues(shown);
  return !issues.some(isError);
}

/**
 * crmsh's commit: check the staged CIB, refuse on errors unless forced, then write (a patch,
 * or with `replace` the whole CIB; `force` also skips the version check). In a script or
 * stdin batch the write is deferred to the end of the input (one transaction).
 */
export async function commitStaged(
  context: CommandContext,
  session: CibSession,
  force: boolean,
  replace = false,
): Promise<Outcome> {
  if (!session.changed) return done;
  const preferences = preferencesOf(context);
  // crmsh's check-frequency (on-verify, never: no checks at commit) and check-mode relaxed.
  const checked = !preferences.checksAtCommit() || checkStaged(context, session);
  if (!checked && !(force || context.options.force || preferences.relaxedChecks())) {
    // crmsh asks a person; without one (scripts, pipes) the answer is no.
    const question = "Do you still want to commit (y/n)?";
    if (!context.options.interactive || !(await context.confirm(question, false))) {
      context.output.error("Commit refused: the configuration has errors (use commit force or -F)");
      return failed;
    }
  }
  if (context.options.batch) return done;
  return reportWrite(context, await committing(context, () => session.commit({ force, replace })));
}

/** The one write at the end of a script or stdin batch (checks already ran per commit). */
export async function finalCommit(context: CommandContext, session: CibSession): Promise<Outcome> {
  if (!checkStaged(context, session) && !context.options.force) {
    context.output.error("Commit refused: the configuration has errors (use -F to force)");
    return failed;
  }
  return reportWrite(context, await committing(context, () => session.commit()));
}

/** Runs a commit with "committing…" as the progress line (a write may wait for a node). */
async function committing(
  context: CommandContext,
  commit: () => Promise<readonly Issue[]>,
): Promise<readonly Issue[]> {
  context.output.status?.("committing…");
  try {
    return await commit();
  } finally {
    context.output.status?.(undefined);
  }
}

function reportWrite(context: CommandContext, issues: readonly Issue[]): Outcome {
  if (issues.length === 0) return done;
  context.output.issues(issues);
  return failed;
}

/** Leaving configure: commit (one-shot), ask (interactive), or defer (batch). */
export async function leaveConfigure(context: CommandContext): Promise<Outcome> {
  const session = await context.cib();
  if (!("working" in session) || !session.changed || context.options.batch) return done;
  if (context.options.interactive) {
    const yes = await context.confirm(
      "There are changes pending. Do you want to commit them (y/n)?",
      false,
    );
    if (!yes) {
      context.output.info("changes discarded");
      return reportWrite(context, await session.refresh());
    }
  }
  return commitStaged(context, session, false);
}
