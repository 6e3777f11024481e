import { locateResource, setTargetRole } from "../../backend/admin/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { preferencesOf } from "./preferences.js";
import { applyChange, usage } from "./resource-support.js";
import { waitLive } from "./resource-wait.js";
import type { Command, CommandContext } from "./types.js";

/** How long restart waits for the cluster to stop the resources before starting them again. */
export const restartStopWaitMsMax = 60_000;
const restartPollMs = 500;

function anyActive(cib: XmlElement, resources: readonly string[]): boolean {
  return resources.some((resource) => {
    const located = locateResource(cib, resource);
    return located.ok && located.value.length > 0;
  });
}

/**
 * On a running cluster, waits until no resource of the list is active, as crmsh waits for the
 * DC between the stop and the start: on quorated on the CIB changes it pushes, on Pacemaker by
 * rereading the CIB. A CIB file has nobody acting on it, so there is nothing to wait for.
 */
async function waitStopped(
  context: CommandContext,
  resources: readonly string[],
): Promise<boolean> {
  const session = await context.cib();
  if (!("working" in session) || session.kind === "file" || session.kind === undefined) return true;
  if (session.changed) return true;
  if (session.kind === "live") {
    // quorated pushes its changes: wait for them, not on a timer.
    const reached = (cib: XmlElement): boolean => !anyActive(cib, resources);
    return waitLive(context, { reached, reachedIsEnough: true });
  }
  const deadline = performance.now() + restartStopWaitMsMax;
  while (anyActive(session.working, resources)) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, restartPollMs));
    const issues = await session.refresh();
    if (issues.length > 0) {
      context.output.issues(issues);
      return false;
    }
  }
  return true;
}

export const restartCommand: Command = {
  name: "restart",
  aliases: [],
  usage: "<rsc>...",
  help: "Stop resources, wait until the cluster stopped them, then start them again (target-role)",
  example: "restart web",
  run: async (input, context) => {
    const resources = input.args;
    if (resources.length === 0) return usage(context, "restart <rsc> [<rsc> ...]");
    const options = {
      overrideChildren: preferencesOf(context).overrideChildren(context.options.force),
    };
    context.output.info(`ordering ${resources.join(", ")} to stop`);
    const stopped = await applyChange(context, (cib) =>
      setTargetRole(cib, resources, "Stopped", options),
    );
    if (stopped.kind === "failed") return stopped;
    if (!(await waitStopped(context, resources))) {
      context.output.error(
        `${resources.join(", ")} did not stop within ${restartStopWaitMsMax / 1000} s`,
      );
      return { kind: "failed" };
    }
    context.output.info(`ordering ${resources.join(", ")} to start`);
    return applyChange(context, (cib) => setTargetRole(cib, resources, "Started", options));
  },
};
