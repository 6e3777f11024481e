import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readXml } from "../backend/cib/index.js";
import { readCibFile } from "../backend/file/index.js";
import type { AgentParameter, CompletionContext, CompletionLevel } from "../completions/index.js";
import type { XmlElement } from "../backend/cib/index.js";
import {
  agentInLine,
  complete,
  completeCommandLine,
  idsFromCib,
  parametersFromMetaData,
} from "../completions/index.js";
import { commandTree } from "./commands/registry.js";
import { joinWords } from "./words.js";

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * `crm --complete CWORD -- WORD...` (completions/crm.bash): prints one candidate per line.
 * The context comes from this machine: every level of the command tree, the ids of the CIB
 * (CIB_file), the installed agents, and the meta-data of the one agent the line names.
 */
export async function runCompletion(
  argv: readonly string[],
  environment: Environment,
): Promise<number> {
  const agents = installedAgents(environment);
  const words = argv.slice(3);
  const typed = words.slice(1, Number(argv[1]) + 1);
  const line = joinWords(typed);
  const agent = agentInLine(line, line.length, agents);
  const context: CompletionContext = {
    levels: await completionLevels(),
    idsByKind: await cibIds(environment),
    agents,
    agentParameters: new Map(
      agent === undefined ? [] : [[agent, agentParameters(agent, environment)]],
    ),
  };
  const lines = completeCommandLine(argv, context);
  if ("code" in lines) {
    process.stderr.write(`ERROR: ${lines.message}\n`);
    return 2;
  }
  for (const candidate of lines) process.stdout.write(`${candidate}\n`);
  return 0;
}

async function completionLevels(): Promise<CompletionLevel[]> {
  const tree = commandTree();
  const levels = [tree.root];
  for (const name of tree.root.levels ?? []) {
    const entry = tree.entry(name);
    if (entry !== undefined) levels.push(await tree.open(entry));
  }
  return levels.map((level) => ({
    name: level.name,
    aliases: level.aliases,
    help: level.help,
    commands: tree.commands(level),
    ...(level.levels === undefined ? {} : { levels: level.levels }),
  }));
}

async function cibIds(environment: Environment): Promise<CompletionContext["idsByKind"]> {
  const path = environment["CIB_file"];
  if (path === undefined || path === "") return new Map();
  const read = await readCibFile(path);
  return read.ok ? idsFromCib(read.value.cib) : new Map();
}

function ocfRoot(environment: Environment): string {
  return environment["OCF_ROOT"] ?? "/usr/lib/ocf";
}

/** `ocf:PROVIDER:TYPE` under OCF_ROOT/resource.d, and `stonith:fence_*` in /usr/sbin. */
function installedAgents(environment: Environment): string[] {
  const agents: string[] = [];
  const providers = join(ocfRoot(environment), "resource.d");
  for (const provider of listing(providers)) {
    for (const type of listing(join(providers, provider))) agents.push(`ocf:${provider}:${type}`);
  }
  for (const fence of listing("/usr/sbin")) {
    if (fence.startsWith("fence_")) agents.push(`stonith:${fence}`);
  }
  return agents.sort();
}

function listing(folder: string): string[] {
  if (!existsSync(folder)) return [];
  try {
    return readdirSync(folder).filter((name) => !name.startsWith("."));
  } catch {
    return [];
  }
}

/** Parameters from `AGENT meta-data` (OCF agents only; a second at most). */
function agentParameters(agent: string, environment: Environment): readonly AgentParameter[] {
  const [agentClass, provider, type] = agent.split(":");
  if (agentClass !== "ocf" || provider === undefined || type === undefined) return [];
  const root = ocfRoot(environment);
  const ran = spawnSync(join(root, "resource.d", provider, type), ["meta-data"], {
    env: { PATH: environment["PATH"] ?? "/usr/bin:/bin", OCF_ROOT: root },
    encoding: "utf8",
    timeout: 1000,
  });
  if (ran.status !== 0 || typeof ran.stdout !== "string") return [];
  const parsed = readXml(ran.stdout, { keepComments: false });
  return parsed.ok ? parametersFromMetaData(parsed.value) : [];
}

/**
 * Tab in the interactive loop (readline's completer): the same engine as `crm --complete`,
 * on the level the shell is in and the staged CIB. Levels and agents are read once.
 */
export function interactiveCompleter(
  environment: Environment,
  current: () => { readonly level: string; readonly cib: XmlElement | undefined },
): (line: string, answer: (error: null, result: [string[], string]) => void) => void {
  let levels: Promise<CompletionLevel[]> | undefined;
  const agents = installedAgents(environment);
  const parameters = new Map<string, readonly AgentParameter[]>();
  return (line, answer) => {
    levels ??= completionLevels();
    void levels.then((loaded) => {
      const { level, cib } = current();
      const agent = agentInLine(line, line.length, agents);
      if (agent !== undefined && !parameters.has(agent)) {
        parameters.set(agent, agentParameters(agent, environment));
      }
      const context: CompletionContext = {
        levels: loaded,
        idsByKind: cib === undefined ? new Map() : idsFromCib(cib),
        agents,
        agentParameters: parameters,
        level,
      };
      const word = /\S*$/.exec(line)?.[0] ?? "";
      answer(null, [
        complete(line, line.length, context).map((candidate) => candidate.label),
        word,
      ]);
    });
  };
}

/**
 * Tab in the Ink REPL: the same engine, answered synchronously (the reducer is pure) once the
 * levels and the installed agents are loaded.
 */
export async function replCompleter(
  environment: Environment,
  current: () => { readonly level: string; readonly cib: XmlElement | undefined },
): Promise<(line: string, cursor: number) => readonly { label: string; detail?: string }[]> {
  const levels = await completionLevels();
  const agents = installedAgents(environment);
  const parameters = new Map<string, readonly AgentParameter[]>();
  return (line, cursor) => {
    const { level, cib } = current();
    const agent = agentInLine(line, cursor, agents);
    if (agent !== undefined && !parameters.has(agent)) {
      parameters.set(agent, agentParameters(agent, environment));
    }
    const context: CompletionContext = {
      levels,
      idsByKind: cib === undefined ? new Map() : idsFromCib(cib),
      agents,
      agentParameters: parameters,
      level,
    };
    return complete(line, cursor, context);
  };
}
