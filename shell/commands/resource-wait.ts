import { runTool } from "../../backend/pacemaker/index.js";
import { schedule } from "../../daemons/scheduler/index.js";
import type { CibSession, CommandContext } from "./types.js";

/** How long `-w` waits for the cluster to carry a change out. */
export const waitMsMax = 120_000;
const pollMs = 500;

/** True when the scheduler has nothing left to do for this CIB (the cluster is idle). */
function idle(session: CibSession): boolean {
  const result = schedule(session.working, { now: String(Math.floor(Date.now() / 1000)) });
  return result.graph.actions.length === 0;
}

/** Rereads the live CIB until the scheduler finds nothing to do; false on timeout or error. */
async function waitLive(context: CommandContext, session: CibSession): Promise<boolean> {
  const deadline = performance.now() + waitMsMax;
  while (!idle(session)) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const issues = await session.refresh();
    if (issues.length > 0) {
      context.output.issues(issues);
      return false;
    }
  }
  return true;
}

/**
 * crmsh's `-w`: after a change, wait until the cluster has carried it out. On quorated, until
 * the scheduler finds no action left for the current CIB; on Pacemaker, `crm_resource --wait`.
 * A CIB file has nobody to carry anything out, so there is nothing to wait for.
 */
export async function waitForCluster(
  context: CommandContext,
  session: CibSession,
): Promise<boolean> {
  if (!context.options.wait || session.changed) return true;
  if (session.kind === "pacemaker") {
    const timeout = `${waitMsMax / 1000}s`;
    const options = { environment: context.environment, timeoutMs: waitMsMax + 10_000 };
    const run = await runTool("crm_resource", ["--wait", "--timeout", timeout], options);
    if (run.exitCode === 0) return true;
    context.output.error(
      `The cluster did not settle: ${run.stderr.trim().split("\n").pop() ?? ""}`,
    );
    return false;
  }
  if (session.kind !== "live") return true;
  if (await waitLive(context, session)) return true;
  context.output.error(`The cluster did not carry the change out within ${waitMsMax / 1000} s`);
  return false;
}
