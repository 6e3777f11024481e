import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Result } from "../../backend/base/index.js";
import { ok } from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { findById } from "../../backend/cib/index.js";
import { readXml } from "../../backend/cib/index.js";
import { deleteObjects, loadConfigurationXml } from "../../backend/configure/index.js";
import { applyConfigureText, objectIds, showText, statementIds } from "../configure-language.js";
import { withSession } from "./configure-support.js";
import { preferencesOf } from "./preferences.js";
import type { CibSession, Command, CommandContext, Outcome, TerminalPort } from "./types.js";
import { done, failed } from "./types.js";

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, "'\\''")}'`;
}

/**
 * The edited crm text applied to the working copy: objects whose statements were removed are
 * deleted, the others replaced wholesale or created (as `load update`). Issues leave the
 * working copy as it was and are printed against the text.
 */
async function applyEditedText(
  context: CommandContext,
  session: CibSession,
  before: string,
  after: string,
): Promise<boolean> {
  const [shownIds, keptIds] = await Promise.all([statementIds(before), statementIds(after)]);
  if (!keptIds.ok) {
    context.output.issues(keptIds.issues, after);
    return false;
  }
  const kept = new Set(keptIds.value);
  const removed = shownIds.ok ? shownIds.value.filter((id) => !kept.has(id)) : [];
  const base = deleteRemoved(session.working, removed);
  if (!base.ok) {
    context.output.issues(base.issues);
    return false;
  }
  const applied = await applyConfigureText(base.value.cib, after, "update");
  context.output.issues(applied.issues, after);
  if (!applied.ok) return false;
  for (const note of base.value.notes) context.output.info(note);
  session.stage(applied.value.cib);
  return true;
}

/** `edit xml`: the edited document's objects replace or join the working copy's (load xml). */
function applyEditedXml(
  context: CommandContext,
  session: CibSession,
  before: string,
  after: string,
): boolean {
  const [shown, edited] = [readXml(before), readXml(after)];
  if (!edited.ok) {
    context.output.issues(edited.issues);
    return false;
  }
  const kept = new Set(objectIds(edited.value));
  const removed = shown.ok ? objectIds(shown.value).filter((id) => !kept.has(id)) : [];
  const base = deleteRemoved(session.working, removed);
  const loaded = base.ok ? loadConfigurationXml(base.value.cib, edited.value, "update") : base;
  if (!loaded.ok) {
    context.output.issues(loaded.issues);
    return false;
  }
  for (const note of base.ok ? base.value.notes : []) context.output.info(note);
  session.stage(loaded.value.cib);
  return true;
}

/**
 * Deletes the objects whose statements the editor removed, one at a time: deleting a resource
 * already takes its constraints along, and those need no second deletion.
 */
function deleteRemoved(
  cib: XmlElement,
  ids: readonly string[],
): Result<{ readonly cib: XmlElement; readonly notes: readonly string[] }> {
  let current = cib;
  const notes: string[] = [];
  for (const id of ids) {
    if (findById(current, id) === undefined) continue;
    const deleted = deleteObjects(current, [id]);
    if (!deleted.ok) return deleted;
    current = deleted.value.cib;
    notes.push(...deleted.value.notes);
  }
  return ok({ cib: current, notes });
}

/** Runs the editor on `file` until its text applies, or the person gives up. */
async function editLoop(
  context: CommandContext,
  session: CibSession,
  edit: {
    readonly terminal: TerminalPort;
    readonly file: string;
    readonly shown: string;
    readonly xml: boolean;
  },
): Promise<Outcome> {
  const editor = preferencesOf(context).editor();
  for (;;) {
    const exitCode = await edit.terminal.run(`${editor} ${shellQuote(edit.file)}`);
    if (exitCode !== 0) {
      context.output.error(`The editor "${editor}" exited with code ${exitCode}: nothing changed`);
      return failed;
    }
    const after = await readFile(edit.file, "utf8");
    if (after === edit.shown) return done;
    const applied = edit.xml
      ? applyEditedXml(context, session, edit.shown, after)
      : await applyEditedText(context, session, edit.shown, after);
    if (applied) return done;
    if (!(await context.confirm("Do you want to edit again (y/n)?", false))) return failed;
  }
}

/**
 * crmsh's `edit [xml] [ID…]`: the selection's crm text (or XML) in the editor (options editor, then $EDITOR,
 * $VISUAL, vi); what comes back is staged. Needs a terminal ("not allowed in batch mode").
 */
export const editCommand: Command = {
  name: "edit",
  aliases: [],
  usage: "[xml] [ID...|type:TYPE|tag:TAG|related:RSC]",
  help: "Edit the configuration (or the selected objects) in your editor; the result is staged",
  example: "edit web-group",
  run: (input, context) =>
    withSession(context, async (session) => {
      const terminal = context.terminal;
      if (terminal === undefined || context.options.batch) {
        context.output.error("edit not allowed in batch mode");
        return failed;
      }
      const xml = input.args.includes("xml");
      const selection = input.args.filter((word) => word !== "xml");
      const sorted = preferencesOf(context).sortElements();
      const shown = showText(session, selection, xml, true, sorted);
      if (!shown.ok) {
        context.output.issues(shown.issues);
        return failed;
      }
      const folder = await mkdtemp(join(tmpdir(), "crm-edit-"));
      const file = join(folder, xml ? "configuration.xml" : "configuration.crm");
      try {
        await writeFile(file, shown.value);
        return await editLoop(context, session, { terminal, file, shown: shown.value, xml });
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    }),
};
