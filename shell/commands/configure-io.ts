import { readFile, writeFile } from "node:fs/promises";
import type { Issue } from "../../backend/base/index.js";
import { issue } from "../../backend/base/index.js";
import { readXml, writeXml } from "../../backend/cib/index.js";
import type { LoadMode } from "../../backend/configure/index.js";
import { loadConfigurationXml, prepareLoad } from "../../backend/configure/index.js";
import { applyConfigureText, showText } from "../configure-language.js";
import { positionsOf, stageEdit, withSession } from "./configure-support.js";
import { printLong } from "./paging.js";
import { preferencesOf } from "./preferences.js";
import { uppercaseKeywords } from "./show-style.js";
import type { CibSession, Command, CommandContext, Outcome } from "./types.js";
import { done, failed } from "./types.js";

function printIssues(context: CommandContext, issues: readonly Issue[], source?: string): Outcome {
  context.output.issues(issues, source);
  return failed;
}

export const showCommand: Command = {
  name: "show",
  aliases: ["list"],
  usage: "[xml] [changed] [ID...|type:TYPE|tag:TAG|related:RSC] [xml]",
  help: "Print the configuration (or the selected objects) in the crm language or as XML",
  example: "show type:primitive",
  run: (input, context) =>
    withSession(context, async (session) => {
      // `show xml changed` as crmsh writes it, and `show changed xml` as people type it.
      const last = input.args.length > 1 ? input.args.length - 1 : -1;
      const at = input.args[0] === "xml" ? 0 : input.args[last] === "xml" ? last : -1;
      const selection = input.args.filter((_word, index) => index !== at);
      const sortElements = preferencesOf(context).sortElements();
      const shown = showText(session, selection, at >= 0, false, sortElements);
      if (!shown.ok) return printIssues(context, shown.issues);
      const style = context.options.display ?? preferencesOf(context).outputStyle();
      const xml = at >= 0;
      await printLong(
        context,
        style === "uppercase" && !xml ? uppercaseKeywords(shown.value) : shown.value,
      );
      return done;
    }),
};

export const saveCommand: Command = {
  name: "save",
  aliases: [],
  usage: "[xml] FILE",
  help: "Write the configuration (crm language, or with xml the whole CIB) to FILE",
  example: "save xml /tmp/cib.xml",
  run: (input, context) =>
    withSession(context, async (session) => {
      const xml = input.args[0] === "xml";
      const [file, ...rest] = xml ? input.args.slice(1) : input.args;
      if (file === undefined || rest.length > 0) {
        return printIssues(context, [issue("usage", `Usage: save ${saveCommand.usage}`)]);
      }
      const shown = xml
        ? { ok: true as const, value: writeXml(session.working) }
        : showText(session, [], false, true, preferencesOf(context).sortElements());
      if (!shown.ok) return printIssues(context, shown.issues);
      try {
        await writeFile(file, shown.value);
      } catch (error) {
        return printIssues(context, [
          issue("save_failed", `Cannot save to "${file}": ${String(error)}`),
        ]);
      }
      return done;
    }),
};

const loadModes: readonly LoadMode[] = ["update", "replace", "push"];

export const loadCommand: Command = {
  name: "load",
  aliases: [],
  usage: "[xml] update|replace|push FILE|-",
  help:
    "Load objects from FILE (- for standard input): update replaces objects by id and adds " +
    "new ones; replace keeps only the nodes first; push makes FILE the whole configuration",
  example: "load update /tmp/web.crm",
  run: (input, context) =>
    withSession(context, async (session) => {
      const xml = input.args[0] === "xml";
      const [mode, file, ...rest] = xml ? input.args.slice(1) : input.args;
      const loadMode = loadModes.find((candidate) => candidate === mode);
      if (loadMode === undefined || file === undefined || rest.length > 0) {
        return printIssues(context, [issue("usage", `Usage: load ${loadCommand.usage}`)]);
      }
      const text = await readSource(context, file);
      if (typeof text !== "string") return printIssues(context, text);
      if (xml) return loadXml(context, session, { text, file }, loadMode);
      const prepared = loadMode === "push" ? prepareLoad(session.working, "push") : undefined;
      if (prepared !== undefined && !prepared.ok) return printIssues(context, prepared.issues);
      const base = prepared?.value.cib ?? session.working;
      const applied = await applyConfigureText(
        base,
        text,
        loadMode === "push" ? "update" : loadMode,
      );
      if (!applied.ok) return printIssues(context, applied.issues, text);
      for (const [id, span] of applied.value.positions) positionsOf(session).set(id, span);
      session.stage(applied.value.cib);
      return done;
    }),
};

function loadXml(
  context: CommandContext,
  session: CibSession,
  source: { readonly text: string; readonly file: string },
  mode: LoadMode,
): Outcome {
  const parsed = readXml(source.text);
  if (!parsed.ok) {
    const positioned = parsed.issues.map((found) => {
      const where = found.span === undefined ? "" : `:${found.span.line}:${found.span.column}`;
      const message = found.message.replace(/^XML syntax error at line \d+, column \d+: /, "");
      return issue("load_failed", `Cannot load "${source.file}${where}": ${message}`);
    });
    return printIssues(context, positioned);
  }
  return stageEdit(context, session, loadConfigurationXml(session.working, parsed.value, mode));
}

async function readSource(
  context: CommandContext,
  file: string,
): Promise<string | readonly Issue[]> {
  if (file === "-") return context.readStandardInput();
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error);
    return [issue("load_failed", `Cannot load "${file}": ${reason}`)];
  }
}
