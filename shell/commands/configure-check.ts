import { checkStaged, commitStaged, withSession } from "./configure-support.js";
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
    withSession(context, (session) => {
      if (!session.changed && context.options.interactive) {
        context.output.info("apparently there is nothing to commit");
        return done;
      }
      const replace = input.args.includes("replace");
      return commitStaged(context, session, input.args.includes("force"), replace);
    }),
};
