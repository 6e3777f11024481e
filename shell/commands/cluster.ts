import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  ClientError,
  fetchQuorumStatus,
  liveLocalNodes,
  nodeClientTarget,
  nodeStateFiles,
  stopLocalCluster,
} from "../../backend/client/index.js";
import { nearest } from "../../backend/base/index.js";
import { writeCorosyncConfig } from "../../backend/corosync/index.js";
import { userCommand } from "./cluster-user.js";
import type { Command, CommandContext, Level, Outcome } from "./types.js";
import { done, failed } from "./types.js";

/** corosync-keygen's defaults: 256 random bytes, mode 0400; -s allows 128..4096. */
const keyBytesDefault = 256;
const defaultKeyFile = "/etc/corosync/authkey";

/** Splits `--name value` / `--name=value` options from positional words. */
function parseFlags(args: readonly string[]): { flags: Map<string, string>; words: string[] } {
  const flags = new Map<string, string>();
  const words: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const word = args[index] ?? "";
    if (!word.startsWith("-")) words.push(word);
    else if (word.includes("="))
      flags.set(word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1));
    else if (word === "--allow-fault-injection") flags.set(word, "yes");
    else flags.set(word, args[++index] ?? "");
  }
  return { flags, words };
}

/** An option the command does not know, named with the nearest known one. */
function unknownFlag(flags: Map<string, string>, known: readonly string[]): string | undefined {
  const unknown = [...flags.keys()].find((flag) => !known.includes(flag));
  if (unknown === undefined) return undefined;
  const hint = nearest(unknown, known);
  return `Unknown option "${unknown}"${hint === undefined ? "" : ` (did you mean "${hint}"?)`}`;
}

function integerFlag(
  flags: Map<string, string>,
  name: string,
  range: readonly [number, number],
): number | string | undefined {
  const value = flags.get(name);
  if (value === undefined) return undefined;
  const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isNaN(parsed) || parsed < range[0] || parsed > range[1]) {
    return `Bad value "${value}" for ${name}: expected an integer from ${range[0]} to ${range[1]}`;
  }
  return parsed;
}

/** Writes a key file as corosync-keygen does: random bytes, mode 0400, replaced atomically. */
export function writeAuthkey(path: string, bytes = keyBytesDefault): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, randomBytes(bytes), { mode: 0o400 });
  renameSync(temporary, path);
}

const keygenCommand: Command = {
  name: "keygen",
  aliases: [],
  usage: "[-s BYTES] [FILE]",
  help: "Write a cluster authkey (256 random bytes, mode 0400) as corosync-keygen does",
  run: (input, context) => {
    const { flags, words } = parseFlags(input.args);
    const unknown = unknownFlag(flags, ["-s"]);
    if (unknown !== undefined) return report(context, unknown);
    const size = integerFlag(flags, "-s", [128, 4096]) ?? keyBytesDefault;
    if (typeof size === "string") return report(context, size);
    const path = resolve(words[0] ?? defaultKeyFile);
    try {
      writeAuthkey(path, size);
    } catch (error) {
      return report(context, `Cannot write authkey "${path}": ${(error as Error).message}`);
    }
    context.output.info(`Wrote ${size} random bytes to ${path}`);
    return done;
  },
};

function report(context: CommandContext, message: string): Outcome {
  context.output.error(message);
  return failed;
}

/** The quorated entry next to this shell: compiled JS, or the TypeScript source under tsx. */
function quoratedCommand(environment: CommandContext["environment"]): {
  command: string;
  args: string[];
} {
  const override = environment["QUORATED_BIN"];
  if (override !== undefined) return { command: override, args: [] };
  const compiled = fileURLToPath(new URL("../../daemons/main.js", import.meta.url));
  if (existsSync(compiled)) return { command: process.execPath, args: [compiled] };
  const loader = import.meta.resolve("tsx");
  return {
    command: process.execPath,
    args: ["--import", loader, compiled.replace(/\.js$/, ".ts")],
  };
}

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once("error", () => resolvePort(false));
    server.listen(port, host, () => server.close(() => resolvePort(true)));
  });
}

export interface LocalStart {
  readonly nodes: number;
  readonly dir: string;
  readonly basePort: number;
  readonly tokenMs: number | undefined;
  readonly allowFaultInjection: boolean;
}

function parseLocalStart(args: readonly string[]): LocalStart | string {
  const { flags } = parseFlags(args);
  const known = ["--nodes", "--dir", "--base-port", "--token", "--allow-fault-injection"];
  const unknown = unknownFlag(flags, known);
  if (unknown !== undefined) return unknown;
  const nodes = integerFlag(flags, "--nodes", [1, 32]);
  const basePort = integerFlag(flags, "--base-port", [1024, 65000]) ?? 5405;
  const tokenMs = integerFlag(flags, "--token", [10, 600_000]);
  const dir = flags.get("--dir");
  for (const value of [nodes, basePort, tokenMs]) if (typeof value === "string") return value;
  if (nodes === undefined || dir === undefined || dir === "")
    return "Usage: local start --nodes N --dir DIR [--base-port P] [--token MS]";
  return {
    nodes: nodes as number,
    dir: resolve(dir),
    basePort: basePort as number,
    tokenMs: tokenMs as number | undefined,
    allowFaultInjection: flags.has("--allow-fault-injection"),
  };
}

const linkHosts = ["127.0.0.1", "127.0.0.2"];

async function checkPorts(plan: LocalStart): Promise<string | undefined> {
  for (let index = 0; index < plan.nodes; index++) {
    for (const host of linkHosts) {
      if (!(await portFree(host, plan.basePort + index)))
        return `Port ${host}:${plan.basePort + index} is in use`;
    }
  }
  return undefined;
}

function writeClusterFiles(plan: LocalStart): string[] {
  const names = Array.from({ length: plan.nodes }, (_, index) => `node${index + 1}`);
  mkdirSync(plan.dir, { recursive: true });
  const config = writeCorosyncConfig({
    clusterName: "quorate-local",
    nodes: names.map((name, index) => ({
      name,
      nodeid: index + 1,
      addresses: linkHosts.map((host) => ({ host, port: plan.basePort + index })),
    })),
    ...(plan.tokenMs === undefined ? {} : { tokenMs: plan.tokenMs }),
  });
  writeFileSync(join(plan.dir, "corosync.conf"), config);
  if (!existsSync(join(plan.dir, "authkey"))) writeAuthkey(join(plan.dir, "authkey"));
  return names;
}

function spawnNode(
  plan: LocalStart,
  name: string,
  environment: CommandContext["environment"],
): { readonly exited: () => boolean } {
  const stateDir = join(plan.dir, name);
  mkdirSync(stateDir, { recursive: true });
  for (const file of Object.values(nodeStateFiles)) rmSync(join(stateDir, file), { force: true });
  const { command, args } = quoratedCommand(environment);
  const output = openSync(join(stateDir, "quorated.out"), "a");
  const child = spawn(
    command,
    [
      ...args,
      ...["--config", join(plan.dir, "corosync.conf"), "--authkey", join(plan.dir, "authkey")],
      ...["--node", name, "--state-dir", stateDir],
      ...(plan.allowFaultInjection ? ["--allow-fault-injection"] : []),
    ],
    { detached: true, stdio: ["ignore", output, output], cwd: plan.dir },
  );
  let exited = false;
  child.once("exit", () => (exited = true));
  child.unref();
  return { exited: () => exited };
}

/** The last lines a node printed before it exited (its quorated.out). */
function lastWords(plan: LocalStart, name: string): string {
  try {
    const text = readFileSync(join(plan.dir, name, "quorated.out"), "utf8").trim();
    return text.split("\n").slice(-3).join(" / ");
  } catch {
    return "no output";
  }
}

/** True once every node answers with a ring holding all of them. */
async function allJoined(plan: LocalStart, names: readonly string[]): Promise<boolean> {
  for (const name of names) {
    const target = nodeClientTarget(join(plan.dir, name));
    if (target === undefined) return false;
    try {
      if ((await fetchQuorumStatus(target)).members.length !== names.length) return false;
    } catch (error) {
      if (error instanceof ClientError) return false;
      throw error;
    }
  }
  return true;
}

/**
 * Starts a local cluster (the corosync.conf and authkey in `plan.dir`, one detached quorated per
 * node) and resolves once every node reports one membership holding all of them; resolves with
 * the reason when it cannot. Exported for `npm start`.
 */
export async function startLocalCluster(
  plan: LocalStart,
  environment: CommandContext["environment"],
): Promise<string | undefined> {
  if (liveLocalNodes(plan.dir).length > 0)
    return `A local cluster is already running in "${plan.dir}"`;
  const busy = await checkPorts(plan);
  if (busy !== undefined) return busy;
  const names = writeClusterFiles(plan);
  const children = names.map((name) => spawnNode(plan, name, environment));
  const deadline = performance.now() + 30_000;
  let joined = await allJoined(plan, names);
  while (!joined && performance.now() < deadline) {
    const dead = names.findIndex((_, index) => children[index]?.exited() === true);
    if (dead >= 0) {
      const name = names[dead] ?? "";
      await stopLocalCluster(plan.dir);
      return `Node ${name} exited during start: ${lastWords(plan, name)}`;
    }
    await new Promise((wait) => setTimeout(wait, 100));
    joined = await allJoined(plan, names);
  }
  if (joined) return undefined;
  await stopLocalCluster(plan.dir);
  return `The nodes in "${plan.dir}" did not form one membership within 30 s`;
}

async function localStart(args: readonly string[], context: CommandContext): Promise<Outcome> {
  const plan = parseLocalStart(args);
  if (typeof plan === "string") return report(context, plan);
  const problem = await startLocalCluster(plan, context.environment);
  if (problem !== undefined) return report(context, problem);
  const ports = `${plan.basePort}-${plan.basePort + plan.nodes - 1}`;
  context.output.info(`Started ${plan.nodes} quorated nodes in ${plan.dir} (ports ${ports})`);
  return done;
}

async function localStop(args: readonly string[], context: CommandContext): Promise<Outcome> {
  const { flags } = parseFlags(args);
  const unknown = unknownFlag(flags, ["--dir"]);
  if (unknown !== undefined) return report(context, unknown);
  const dir = flags.get("--dir");
  if (dir === undefined || dir === "") return report(context, "Usage: local stop --dir DIR");
  const stopped = await stopLocalCluster(resolve(dir));
  context.output.info(`Stopped ${stopped.length} quorated nodes in ${resolve(dir)}`);
  return done;
}

const localCommand: Command = {
  name: "local",
  aliases: [],
  usage: "start --nodes N --dir DIR [--base-port P] [--token MS] | stop --dir DIR",
  help: "Start or stop a cluster of quorated processes on 127.0.0.1",
  example: "local start --nodes 3 --dir .cluster",
  run: (input, context) => {
    const [action, ...rest] = input.args;
    if (action === "start") return localStart(rest, context);
    if (action === "stop") return localStop(rest, context);
    return report(context, `Unknown action "${action ?? ""}" for local: expected start or stop`);
  },
};

export const clusterLevel: Level = {
  name: "cluster",
  aliases: [],
  help: "Cluster setup: authkey, local clusters of quorated processes, users",
  commands: [keygenCommand, localCommand, userCommand],
};
