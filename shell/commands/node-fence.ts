import { ClientError, requestFence, resolveClusterTarget } from "../../backend/client/index.js";
import { withSession } from "./configure-support.js";
import { usage } from "./resource-support.js";
import type { Command } from "./types.js";
import { done, failed } from "./types.js";

/**
 * `crm node fence NODE`: asks the live cluster's fencer to reboot the node and reports how it
 * ended. A CIB file or shadow has no fencer, so it is refused there; on the pacemaker backend
 * use stonith_admin (fencing is not a CIB change).
 */
export const fenceCommand: Command = {
  name: "fence",
  aliases: [],
  usage: "<node>",
  help: "Fence (reboot) a node through the live cluster's fencer; refused on CIB files and shadows",
  example: "fence node3",
  run: (input, context) => {
    const [node] = input.args;
    if (node === undefined || input.args.length > 1) return usage(context, "fence <node>");
    return withSession(context, async (session) => {
      if (session.kind !== "live") {
        const where =
          session.kind === "pacemaker"
            ? "the pacemaker backend (use stonith_admin --reboot)"
            : `a CIB file (${session.label})`;
        context.output.error(
          `Cannot fence ${node}: fencing needs a live cluster (CRM_CLUSTER), not ${where}`,
        );
        return failed;
      }
      const confirmed = await context.confirm(
        `Fencing ${node} will shut down the node and any resources on it. Do you want to fence ${node} (y/n)?`,
        true,
      );
      if (!confirmed) return done;
      try {
        const event = await requestFence(resolveClusterTarget(context.environment), {
          node,
          action: "reboot",
        });
        if (event.state === "success") {
          context.output.info(
            `Node ${node} fenced (reboot) by ${event.delegate ?? "the cluster"}${event.device === undefined ? "" : ` with ${event.device}`}`,
          );
          return done;
        }
        context.output.error(`Fencing ${node} failed: ${event.reason ?? event.state}`);
        return failed;
      } catch (error) {
        if (!(error instanceof ClientError)) throw error;
        context.output.error(`Cannot fence ${node}: ${error.message}`);
        return failed;
      }
    });
  },
};
