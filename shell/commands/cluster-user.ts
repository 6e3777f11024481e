import { statSync } from "node:fs";
import { resolve } from "node:path";
import { nearest } from "../../backend/base/index.js";
import type { ClusterUser } from "../../backend/users/index.js";
import {
  hashPassword,
  localUsersFile,
  readUsers,
  userNameProblem,
  writeUsers,
} from "../../backend/users/index.js";
import type { Command, CommandContext, Outcome } from "./types.js";
import { done, failed } from "./types.js";

/** Where quorated looks beside /etc/corosync/corosync.conf when no --users is given. */
const defaultUsersFile = "/etc/corosync/users";
const passwordBytesMax = 1024;
const actions = ["add", "passwd", "delete", "list"];

interface UserArguments {
  readonly action: string;
  readonly name: string | undefined;
  readonly file: string;
  readonly passwordFromStdin: boolean;
  readonly groups: readonly string[] | undefined;
}

function report(context: CommandContext, message: string): Outcome {
  context.output.error(message);
  return failed;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `--file FILE`; else the users file of the local cluster CRM_CLUSTER names; else /etc/corosync/users. */
function usersFile(flag: string | undefined, context: CommandContext): string {
  if (flag !== undefined) return resolve(flag);
  const cluster = context.environment["CRM_CLUSTER"];
  if (cluster !== undefined && cluster !== "" && isFolder(cluster))
    return localUsersFile(resolve(cluster));
  return defaultUsersFile;
}

function parseUserArguments(
  args: readonly string[],
  context: CommandContext,
): UserArguments | string {
  const [action = "", ...rest] = args;
  if (!actions.includes(action)) {
    const hint = nearest(action, actions);
    return `Unknown action "${action}" for user: expected ${actions.join(", ")}${hint === undefined ? "" : ` (did you mean "${hint}"?)`}`;
  }
  const words: string[] = [];
  let file: string | undefined;
  let groups: string[] | undefined;
  let passwordFromStdin = false;
  for (let index = 0; index < rest.length; index++) {
    const word = rest[index] ?? "";
    if (word === "--password-stdin") passwordFromStdin = true;
    else if (word === "--file" || word === "--groups") {
      const value = rest[++index];
      if (value === undefined) return `Option "${word}" needs a value`;
      if (word === "--file") file = value;
      else groups = value === "" ? [] : value.split(",");
    } else if (word.startsWith("-")) return `Unknown option "${word}"`;
    else words.push(word);
  }
  if (action !== "list" && words.length !== 1) return `Usage: user ${action} NAME`;
  if (action === "list" && words.length > 0) return "Usage: user list";
  return { action, name: words[0], file: usersFile(file, context), passwordFromStdin, groups };
}

/** Reads a password without echo on a terminal, twice, or the first line of standard input. */
async function readPassword(
  parsed: UserArguments,
  context: CommandContext,
): Promise<string | undefined> {
  if (parsed.passwordFromStdin) {
    const text = await context.readStandardInput();
    if (typeof text !== "string") {
      for (const problem of text) context.output.error(problem.message);
      return undefined;
    }
    return text.split(/\r?\n/)[0] ?? "";
  }
  if (process.stdin.isTTY !== true || process.stderr.isTTY !== true) {
    context.output.error("No terminal to ask the password on: pass it with --password-stdin");
    return undefined;
  }
  const first = await promptHidden(`Password for ${parsed.name ?? ""}: `);
  if (first === undefined) return undefined;
  const again = await promptHidden("Repeat the password: ");
  if (again === undefined) return undefined;
  if (first !== again) {
    context.output.error("The passwords differ; nothing changed");
    return undefined;
  }
  return first;
}

/** A no-echo prompt on the terminal; undefined on Ctrl-C or Ctrl-D. */
function promptHidden(prompt: string): Promise<string | undefined> {
  const input = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolvePassword) => {
    let typed = "";
    const wasRaw = input.isRaw;
    input.setRawMode(true);
    input.resume();
    const finish = (value: string | undefined): void => {
      input.off("data", onData);
      input.setRawMode(wasRaw);
      input.pause();
      process.stderr.write("\n");
      resolvePassword(value);
    };
    const onData = (chunk: Buffer): void => {
      for (const character of chunk.toString("utf8")) {
        if (character === "\r" || character === "\n") return finish(typed);
        if (character === "\u0003" || character === "\u0004") return finish(undefined);
        if (character === "\u007f" || character === "\b") typed = typed.slice(0, -1);
        else typed += character;
      }
    };
    input.on("data", onData);
  });
}

function passwordProblem(password: string): string | undefined {
  if (password === "") return "The password is empty; nothing changed";
  if (Buffer.byteLength(password) > passwordBytesMax)
    return `The password is longer than ${passwordBytesMax} bytes`;
  if (password.includes("\u0000")) return "The password contains a NUL character";
  return undefined;
}

async function changeUsers(parsed: UserArguments, context: CommandContext): Promise<Outcome> {
  const name = parsed.name ?? "";
  const problem = userNameProblem(name);
  if (problem !== undefined) return report(context, problem);
  const read = readUsers(parsed.file);
  if (!read.ok) return report(context, read.issues.map((found) => found.message).join("\n"));
  const existing = read.value.find((user) => user.name === name);
  if (parsed.action === "add" && existing !== undefined) {
    return report(
      context,
      `User "${name}" already exists in ${parsed.file} (use "user passwd ${name}")`,
    );
  }
  if (parsed.action !== "add" && existing === undefined) {
    const hint = nearest(
      name,
      read.value.map((user) => user.name),
    );
    return report(
      context,
      `No user "${name}" in ${parsed.file}${hint === undefined ? "" : ` (did you mean "${hint}"?)`}`,
    );
  }
  let users: ClusterUser[];
  if (parsed.action === "delete") users = read.value.filter((user) => user.name !== name);
  else {
    const password = await readPassword(parsed, context);
    if (password === undefined) return failed;
    const weak = passwordProblem(password);
    if (weak !== undefined) return report(context, weak);
    const groups = parsed.groups ?? existing?.groups ?? [];
    const entry = { name, passwordHash: await hashPassword(password), groups };
    users =
      existing === undefined
        ? [...read.value, entry]
        : read.value.map((user) => (user.name === name ? entry : user));
  }
  const written = writeUsers(parsed.file, users);
  if (!written.ok) return report(context, written.issues.map((found) => found.message).join("\n"));
  const verb = { add: "Added", passwd: "Changed the password of", delete: "Deleted" }[
    parsed.action
  ];
  context.output.info(`${verb ?? "Changed"} user "${name}" in ${parsed.file}`);
  return done;
}

function listUsers(parsed: UserArguments, context: CommandContext): Outcome {
  const read = readUsers(parsed.file);
  if (!read.ok) return report(context, read.issues.map((found) => found.message).join("\n"));
  for (const user of read.value) {
    context.output.line(
      user.groups.length > 0 ? `${user.name} (${user.groups.join(", ")})` : user.name,
    );
  }
  return done;
}

/** `crm cluster user add|passwd|delete|list`: the cluster users file that password logins use. */
export const userCommand: Command = {
  name: "user",
  aliases: [],
  usage: "add|passwd NAME [--password-stdin] [--groups G,...] [--file FILE] | delete NAME | list",
  help: "Manage the cluster users who log in with a password (scrypt hashes, file mode 0600)",
  example: "user add alice --groups operators",
  run: (input, context) => {
    const parsed = parseUserArguments(input.args, context);
    if (typeof parsed === "string") return report(context, parsed);
    if (parsed.action === "list") return listUsers(parsed, context);
    return changeUsers(parsed, context);
  },
};
