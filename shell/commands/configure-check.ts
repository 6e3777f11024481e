import { checkStaged, commitStaged, withSession } from "./configure-support.js";
import { waitForCluster } from "./resource-wait.js";
import type { Command } from "./types.js";
import { done, failed } from "./types.js";

export const verifyCommand: Command = {
  name: "verify",
  aliases: [],
  usage: "",
  help: "Check the staged configuration (ids, references, scores, roles, nesting)",
  run: (_input, context) =>
    withSession(context, (session) => (checkStaged(context, session, "all") ? done : failed)),
};

export const commitCommand: Command = {
  name: "commit",
  aliases: [],
  usage: "[force] [replace]",
  help:
    "Write the staged changes (a patch); force: despite errors and without the version check; " +
    "replace: the whole CIB",
  run: (input, context) =>
    withSession(context, async (session) => {
      if (!session.changed && context.options.interactive) {
        context.output.info("apparently there is nothing to commit");
        return done;
      }
      const replace = input.args.includes("replace");
      const force = input.args.includes("force");
      const outcome = await commitStaged(context, session, force, replace);
      if (outcome.kind !== "done" || context.options.batch) return outcome;
      // As crmsh's commit (@command.wait): with -w, until the cluster carried it out.
      return (await waitForCluster(context, session)) ? done : failed;
    }),
};
