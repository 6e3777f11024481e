import type { Span } from "../../backend/base/index.js";

import { applyConfigureText } from "../configure-language.js";
import { commitCommand, verifyCommand } from "./configure-check.js";
import {
  deleteCommand,
  eraseCommand,
  modgroupCommand,
  refreshCommand,
  renameCommand,
} from "./configure-edit.js";
import { editCommand } from "./configure-editor.js";
import { loadCommand, saveCommand, showCommand } from "./configure-io.js";
import { simulateCommand } from "./configure-simulate.js";
import { statementAliases, statementHelp, statementKeywords } from "./statement-keywords.js";
import { leaveConfigure, positionsOf, withSession } from "./configure-support.js";
import type { Command, Level } from "./types.js";
import { done, failed } from "./types.js";

/** One command per statement keyword of the crm configure language (grammar's table). */
function statementCommand(keyword: string): Command {
  const aliases = Object.entries(statementAliases)
    .filter(([, target]) => target === keyword)
    .map(([alias]) => alias);
  return {
    name: keyword,
    aliases,
    usage: statementHelp[keyword]?.usage ?? "...",
    help: statementHelp[keyword]?.help ?? `Define a ${keyword}`,
    ...(statementHelp[keyword]?.example === undefined
      ? {}
      : { example: statementHelp[keyword].example }),
    run: (input, context) =>
      withSession(context, async (session) => {
        const applied = await applyConfigureText(session.working, input.text, "create");
        const shift = Math.max(input.line, 1) - 1;
        const source = "\n".repeat(shift) + input.text;
        const issues = applied.issues.map((found) =>
          found.span === undefined ? found : { ...found, span: shifted(found.span, shift) },
        );
        context.output.issues(issues, source);
        if (!applied.ok) return failed;
        // Positions help in scripts; a typed line needs none (it is on the screen).
        for (const [id, span] of input.line > 0 ? applied.value.positions : []) {
          positionsOf(session).set(id, shifted(span, shift));
        }
        session.stage(applied.value.cib);
        return done;
      }),
  };
}

/** A span of a statement's text moved to its line in the script it came from. */
function shifted(span: Span, lines: number): Span {
  return { ...span, line: span.line + lines };
}

export const configureLevel: Level = {
  name: "configure",
  aliases: [],
  help: "CIB configuration: staged edits of the crm configure language, committed by commit",
  levels: [],
  commands: [
    ...statementKeywords.map(statementCommand),
    showCommand,
    editCommand,
    deleteCommand,
    renameCommand,
    modgroupCommand,
    loadCommand,
    saveCommand,
    eraseCommand,
    verifyCommand,
    commitCommand,
    refreshCommand,
    simulateCommand,
  ],
  leave: leaveConfigure,
};
