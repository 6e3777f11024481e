import { issue } from "../../backend/base/index.js";
import type { GroupChange } from "../../backend/configure/index.js";
import {
  deleteObjects,
  eraseConfiguration,
  modifyGroup,
  renameObject,
} from "../../backend/configure/index.js";
import { stageEdit, withSession } from "./configure-support.js";
import type { Command, CommandContext, Outcome } from "./types.js";
import { done, failed } from "./types.js";

function usageError(context: CommandContext, command: Command): Outcome {
  context.output.issues([issue("usage", `Usage: ${command.name} ${command.usage}`)]);
  return failed;
}

export const deleteCommand: Command = {
  name: "delete",
  aliases: ["rm"],
  usage: "[-f|--force] ID...",
  help: "Delete objects; a deleted resource leaves its groups, sets, tags and constraints",
  example: "delete vip web-group",
  run: (input, context) => {
    const ids = input.args.filter((arg) => arg !== "-f" && arg !== "--force");
    if (ids.length === 0) return usageError(context, deleteCommand);
    return withSession(context, (session) =>
      stageEdit(context, session, deleteObjects(session.working, ids)),
    );
  },
};

export const renameCommand: Command = {
  name: "rename",
  aliases: [],
  usage: "OLD NEW",
  help: "Rename an object and every reference to it",
  example: "rename vip vip-public",
  run: (input, context) => {
    const [previous, next, ...rest] = input.args;
    if (previous === undefined || next === undefined || rest.length > 0) {
      return usageError(context, renameCommand);
    }
    return withSession(context, (session) =>
      stageEdit(context, session, renameObject(session.working, previous, next)),
    );
  },
};

export const modgroupCommand: Command = {
  name: "modgroup",
  aliases: [],
  usage: "GROUP add RSC [before|after MEMBER] | GROUP remove RSC",
  help: "Add a primitive to a group or remove one from it",
  example: "modgroup web add vip before apache",
  run: (input, context) => {
    const [group, ...rest] = input.args;
    const change = groupChange(rest);
    if (group === undefined || change === undefined) return usageError(context, modgroupCommand);
    return withSession(context, (session) =>
      stageEdit(context, session, modifyGroup(session.working, group, change)),
    );
  },
};

function groupChange(words: readonly string[]): GroupChange | undefined {
  const [action, resource, where, member, ...rest] = words;
  if (resource === undefined || rest.length > 0) return undefined;
  if (action === "remove") return where === undefined ? { kind: "remove", resource } : undefined;
  if (action !== "add") return undefined;
  if (where === undefined) return { kind: "add", resource };
  if ((where !== "before" && where !== "after") || member === undefined) return undefined;
  return { kind: "add", resource, position: { where, member } };
}

export const eraseCommand: Command = {
  name: "erase",
  aliases: [],
  usage: "[nodes]",
  help: "Delete every object but the nodes (with `nodes`, the nodes too)",
  run: (input, context) => {
    const [what, ...rest] = input.args;
    if ((what !== undefined && what !== "nodes") || rest.length > 0) {
      return usageError(context, eraseCommand);
    }
    return withSession(context, (session) =>
      stageEdit(context, session, eraseConfiguration(session.working, { nodes: what === "nodes" })),
    );
  },
};

export const refreshCommand: Command = {
  name: "refresh",
  aliases: [],
  usage: "",
  help: "Drop staged changes and reread the CIB (after a refused commit: keep and replay them)",
  run: (_input, context) =>
    withSession(context, async (session) => {
      // After a commit lost a race, refresh replays the staged changes instead of dropping them.
      if (session.changed && session.conflict === undefined) {
        const question = "There are changes pending. Do you want to drop them (y/n)?";
        if (!(await context.confirm(question, true))) return done;
      }
      const issues = await session.refresh();
      context.output.issues(issues);
      return issues.length === 0 ? done : failed;
    }),
};
