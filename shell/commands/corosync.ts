import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  ClientError,
  fetchQuorumStatus,
  fetchTransportStatus,
  resolveClusterTarget,
} from "../../backend/client/index.js";
import {
  formatLinkStatus,
  formatQuorumStatus,
  parseConfSyntax,
} from "../../backend/corosync/index.js";
import type { ConfSection } from "../../backend/corosync/index.js";
import type { Command, CommandContext, Level, Outcome } from "./types.js";
import { done, failed } from "./types.js";

const systemConfig = "/etc/corosync/corosync.conf";

/** The corosync.conf in use: a local cluster's (CRM_CLUSTER=DIR), else the system one. */
function configPath(context: CommandContext): string {
  const cluster = context.environment["CRM_CLUSTER"];
  if (cluster !== undefined && existsSync(cluster) && statSync(cluster).isDirectory()) {
    return join(cluster, "corosync.conf");
  }
  return systemConfig;
}

function readConfig(context: CommandContext): string | undefined {
  const path = configPath(context);
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    context.output.error(`Cannot read "${path}": ${(error as Error).message}`);
    return undefined;
  }
}

/** Values of a dotted path (`totem.token`, `nodelist.node.ring0_addr`), in file order. */
function valuesAt(section: ConfSection, path: readonly string[]): string[] {
  const [head, ...rest] = path;
  if (head === undefined) return [];
  if (rest.length === 0) {
    return section.entries.filter((entry) => entry.key === head).map((entry) => entry.value);
  }
  return section.sections
    .filter((child) => child.name === head)
    .flatMap((child) => valuesAt(child, rest));
}

const statusCommand: Command = {
  name: "status",
  aliases: [],
  usage: "[quorum|ring]",
  help: "Show quorum and membership (corosync-quorumtool -s) or links (corosync-cfgtool -s)",
  run: async (input, context) => {
    const what = input.args[0] ?? "quorum";
    if (what !== "quorum" && what !== "ring") {
      context.output.error(`Unknown status "${what}": expected quorum or ring`);
      return failed;
    }
    try {
      const target = resolveClusterTarget(context.environment);
      const lines =
        what === "ring"
          ? formatLinkStatus(await fetchTransportStatus(target))
          : formatQuorumStatus(await fetchQuorumStatus(target), { date: new Date() });
      for (const line of lines) context.output.line(line);
      return done;
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      context.output.error(`Cannot read the ${what} status: ${error.message}`);
      return failed;
    }
  },
};

const showCommand: Command = {
  name: "show",
  aliases: [],
  usage: "",
  help: "Show the corosync.conf in use",
  run: (_input, context): Outcome => {
    const text = readConfig(context);
    if (text === undefined) return failed;
    for (const line of text.replace(/\n$/, "").split("\n")) context.output.line(line);
    return done;
  },
};

const getCommand: Command = {
  name: "get",
  aliases: [],
  usage: "PATH",
  help: "Print the values of a corosync.conf key, e.g. totem.token or nodelist.node.ring0_addr",
  run: (input, context): Outcome => {
    const path = input.args[0];
    if (path === undefined) {
      context.output.error("Usage: get PATH (for example totem.token)");
      return failed;
    }
    const text = readConfig(context);
    if (text === undefined) return failed;
    const { root, issues } = parseConfSyntax(text, configPath(context));
    context.output.issues(issues);
    for (const value of valuesAt(root, path.split("."))) context.output.line(value);
    return done;
  },
};

export const corosyncLevel: Level = {
  name: "corosync",
  aliases: [],
  help: "Corosync-compatible membership and quorum of the live cluster",
  commands: [statusCommand, showCommand, getCommand],
};
