import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import type { Issue } from "../../backend/base/index.js";
import { issue } from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { emptyCib, firstChild } from "../../backend/cib/index.js";
import { showConfiguration } from "../../backend/configure/index.js";
import { writeCibFile } from "../../backend/file/index.js";
import { openCibSession } from "../context.js";
import { lineDiff } from "./cib-diff.js";
import { shadowFolder, shadowPath, validShadowName } from "./cib-shadow-files.js";
import type { Command, CommandContext, Level, Outcome } from "./types.js";
import { done, failed } from "./types.js";

type Environment = Readonly<Record<string, string | undefined>>;

/** The environment of the live CIB (or the CIB file) a shadow is made from and committed to. */
function liveEnvironment(environment: Environment): Environment {
  return { ...environment, CIB_shadow: undefined };
}

function report(context: CommandContext, issues: readonly Issue[]): Outcome {
  context.output.issues(issues);
  return failed;
}

function checkedName(context: CommandContext, name: string | undefined): string | undefined {
  if (name !== undefined && validShadowName(name)) return name;
  context.output.error(
    name === undefined ? "Missing shadow CIB name" : `Invalid shadow CIB name "${name}"`,
  );
  return undefined;
}

/** The live CIB as read now (the source of `new` and the target of `commit`). */
async function readLive(context: CommandContext): Promise<XmlElement | readonly Issue[]> {
  const session = await openCibSession(liveEnvironment(context.environment));
  if (!("working" in session)) return session;
  session.close();
  return session.working;
}

async function useShadow(context: CommandContext, name: string | undefined): Promise<Outcome> {
  if (context.useShadow === undefined) {
    context.output.error("This shell cannot switch CIBs");
    return failed;
  }
  const issues = await context.useShadow(name);
  return issues.length === 0 ? done : report(context, issues);
}

async function newShadow(args: readonly string[], context: CommandContext): Promise<Outcome> {
  const words = args.filter((word) => !["withstatus", "force", "empty"].includes(word));
  const name = checkedName(context, words[0] ?? `tmp-${randomBytes(4).toString("hex")}`);
  if (name === undefined || words.length > 1) return failed;
  const path = shadowPath(context.environment, name);
  if (existsSync(path) && !args.includes("force") && !context.options.force) {
    context.output.error(`Shadow CIB "${name}" already exists (use force to overwrite it)`);
    return failed;
  }
  const source = args.includes("empty") ? emptyCib() : await readLive(context);
  if (!("name" in source)) return report(context, source);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const written = await writeCibFile(path, source);
  if (!written.ok) return report(context, written.issues);
  context.output.info(`${name} shadow CIB created`);
  return useShadow(context, name);
}

async function commitShadow(args: readonly string[], context: CommandContext): Promise<Outcome> {
  const current = await context.cib();
  const name =
    args[0] ?? ("working" in current && current.kind === "file" ? current.label : undefined);
  if (name === undefined || name === "live") {
    context.output.error("Which shadow CIB? Use: commit <name> (or cib use <name> first)");
    return failed;
  }
  const shadow = await openCibSession({ ...context.environment, CIB_shadow: name });
  if (!("working" in shadow)) return report(context, shadow);
  shadow.close();
  const live = await openCibSession(liveEnvironment(context.environment));
  if (!("working" in live)) return report(context, live);
  const configuration = firstChild(shadow.working, "configuration");
  if (configuration === undefined)
    return report(context, [issue("no_cib", `Shadow CIB "${name}" has no configuration`)]);
  const next = {
    ...live.working,
    children: live.working.children.map((child) =>
      child.kind === "element" && child.name === "configuration" ? configuration : child,
    ),
  };
  live.stage(next);
  const issues = await live.commit();
  live.close();
  if (issues.length > 0) return report(context, issues);
  context.output.info(`Committed shadow CIB "${name}" to the live CIB`);
  if ("working" in current && current.label === "live" && !current.changed) {
    const reread = await current.refresh();
    if (reread.length > 0) return report(context, reread);
  }
  return done;
}

async function diffShadow(context: CommandContext): Promise<Outcome> {
  const current = await context.cib();
  if (!("working" in current)) return report(context, current);
  if (current.kind !== "file" || current.label === "live") {
    context.output.error("Not using a shadow CIB: cib use <name> first");
    return failed;
  }
  const live = await readLive(context);
  if (!("name" in live)) return report(context, live);
  const before = showConfiguration(live);
  const after = showConfiguration(current.working);
  if (!before.ok || !after.ok) return report(context, [...before.issues, ...after.issues]);
  const lines = lineDiff(before.value.split("\n"), after.value.split("\n"));
  for (const line of lines.filter((text) => !text.startsWith(" "))) context.output.line(line);
  return done;
}

function listShadows(context: CommandContext): Outcome {
  const folder = shadowFolder(context.environment);
  const names = existsSync(folder)
    ? readdirSync(folder)
        .filter((file) => file.startsWith("shadow."))
        .map((file) => file.slice(7))
        .sort()
    : [];
  for (const name of names) context.output.line(name);
  return done;
}

async function deleteShadow(args: readonly string[], context: CommandContext): Promise<Outcome> {
  const name = checkedName(context, args[0]);
  if (name === undefined) return failed;
  const current = await context.cib();
  if ("working" in current && current.kind === "file" && current.label === name) {
    context.output.error(`Shadow CIB "${name}" is in use: cib use (no name) to leave it first`);
    return failed;
  }
  const path = shadowPath(context.environment, name);
  if (!existsSync(path)) {
    context.output.error(`No shadow CIB "${name}"`);
    return failed;
  }
  rmSync(path);
  context.output.info(`Shadow CIB "${name}" deleted`);
  return done;
}

async function useCommand(args: readonly string[], context: CommandContext): Promise<Outcome> {
  const [name] = args;
  if (name === undefined || name === "live") return useShadow(context, undefined);
  if (checkedName(context, name) === undefined) return failed;
  if (!existsSync(shadowPath(context.environment, name))) {
    context.output.error(`No shadow CIB "${name}" (create it with cib new ${name})`);
    return failed;
  }
  return useShadow(context, name);
}

function command(name: string, usage: string, help: string, run: Command["run"]): Command {
  return {
    name,
    aliases: [],
    usage,
    help,
    example: `${name} ${usage.replace(/[[\]<>]/g, "").split(" ")[0] ?? ""}`.trim(),
    run,
  };
}

export const cibLevel: Level = {
  name: "cib",
  aliases: [],
  help: "Shadow CIBs: copies of the CIB to edit and test before committing them to the cluster",
  commands: [
    command(
      "new",
      "[<name>] [withstatus] [force] [empty]",
      "Create a shadow CIB from the live CIB (or empty) and use it",
      (input, context) => newShadow(input.args, context),
    ),
    command(
      "use",
      "[<name>|live]",
      "Work on a shadow CIB from now on, or on the live CIB again",
      (input, context) => useCommand(input.args, context),
    ),
    command(
      "commit",
      "[<name>]",
      "Replace the live CIB's configuration with the shadow's",
      (input, context) => commitShadow(input.args, context),
    ),
    command(
      "diff",
      "",
      "Show how the shadow in use differs from the live CIB (crm configure text)",
      (_input, context) => diffShadow(context),
    ),
    command("list", "", "List the shadow CIBs (CIB_shadow_dir, else ~/.cib)", (_input, context) =>
      listShadows(context),
    ),
    command("delete", "<name>", "Delete a shadow CIB that is not in use", (input, context) =>
      deleteShadow(input.args, context),
    ),
  ],
};
