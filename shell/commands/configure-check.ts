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
  usage: "[force]",
  help: "Check and write the staged changes; with force, write despite errors",
  run: (input, context) =>
    withSession(context, (session) => {
      if (!session.changed && context.options.interactive) {
        context.output.info("apparently there is nothing to commit");
        return done;
      }
      return commitStaged(context, session, input.args.includes("force"));
    }),
};
