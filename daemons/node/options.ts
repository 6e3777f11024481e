import { fail, issue, ok } from "../../backend/base/index.js";
import type { Issue, Result } from "../../backend/base/index.js";

/** `quorated --config FILE --authkey FILE --node NAME --state-dir DIR [...]` */
export interface NodeOptions {
  readonly configPath: string;
  /** Unset: corosync.conf's totem.keyfile, else /etc/corosync/authkey (as corosync). */
  readonly authkeyPath: string | undefined;
  readonly nodeName: string;
  readonly stateDir: string;
  /** Client channel port on 127.0.0.1; 0 picks a free one (written to DIR/client.port). */
  readonly clientPort: number;
  /** Address of the client channel: 127.0.0.1 (ws) by default; any other is served as wss. */
  readonly clientAddress: string;
  /** The cluster users file (password logins); unset: `users` beside the config file. */
  readonly usersPath: string | undefined;
  /** Enables the links_cut test hook on the client channel. */
  readonly allowFaultInjection: boolean;
  readonly tickMs: number;
}

export const quoratedUsage =
  "usage: quorated --config FILE [--authkey FILE] --node NAME --state-dir DIR " +
  "[--client-port PORT] [--client-address ADDR] [--users FILE] [--tick-ms MS] [--allow-fault-injection]";

const valued = new Map([
  ["--config", "configPath"],
  ["--authkey", "authkeyPath"],
  ["--node", "nodeName"],
  ["--state-dir", "stateDir"],
  ["--client-port", "clientPort"],
  ["--tick-ms", "tickMs"],
  ["--users", "usersPath"],
  ["--client-address", "clientAddress"],
] as const);

type ArgIssue = Issue<"bad_argument">;

function number(value: string, name: string, max: number, issues: ArgIssue[]): number {
  const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isNaN(parsed) || parsed > max)
    issues.push(issue("bad_argument", `Bad value "${value}" for ${name}`));
  return Number.isNaN(parsed) ? 0 : parsed;
}

export function parseNodeOptions(argv: readonly string[]): Result<NodeOptions, "bad_argument"> {
  const values = new Map<string, string>();
  const issues: ArgIssue[] = [];
  let allowFaultInjection = false;
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index] ?? "";
    const equals = word.indexOf("=");
    const flag = equals < 0 ? word : word.slice(0, equals);
    const inline = equals < 0 ? undefined : word.slice(equals + 1);
    const key = valued.get(flag as "--config");
    if (word === "--allow-fault-injection") allowFaultInjection = true;
    else if (key === undefined) issues.push(issue("bad_argument", `Unknown option "${word}"`));
    else {
      const value = inline ?? argv[++index];
      if (value === undefined) issues.push(issue("bad_argument", `Option "${flag}" needs a value`));
      else values.set(key, value);
    }
  }
  for (const [flag, key] of valued) {
    const optional =
      key === "clientPort" ||
      key === "tickMs" ||
      key === "authkeyPath" ||
      key === "usersPath" ||
      key === "clientAddress";
    if (!values.has(key) && !optional) {
      issues.push(issue("bad_argument", `Option "${flag}" is required`));
    }
  }
  const clientPort = number(values.get("clientPort") ?? "0", "--client-port", 65535, issues);
  const tickMs = number(values.get("tickMs") ?? "10", "--tick-ms", 1000, issues);
  if (issues.length > 0) return fail(issues);
  return ok({
    configPath: values.get("configPath") ?? "",
    authkeyPath: values.get("authkeyPath"),
    usersPath: values.get("usersPath"),
    clientAddress: values.get("clientAddress") ?? "127.0.0.1",
    nodeName: values.get("nodeName") ?? "",
    stateDir: values.get("stateDir") ?? "",
    clientPort,
    allowFaultInjection,
    tickMs: Math.max(1, tickMs),
  });
}
