import type {
  Candidate,
  CompletionContext,
  CompletionLevel,
  IdKind,
} from "../../../completions/index.js";
import { complete } from "../../../completions/index.js";

const common = [
  { name: "help", aliases: ["?"], help: "Show help" },
  { name: "ls", aliases: [], help: "List commands" },
  { name: "cd", aliases: [], help: "Enter a level" },
  { name: "up", aliases: [], help: "Go up" },
  { name: "quit", aliases: ["exit"], help: "Leave" },
];

const command = (name: string) => ({ name, aliases: [], help: `${name} help` });

export const fixtureLevels: readonly CompletionLevel[] = [
  {
    name: "root",
    aliases: [],
    help: "crm",
    commands: common,
    levels: ["configure", "cluster", "resource", "node"],
  },
  {
    name: "configure",
    aliases: [],
    help: "CIB configuration",
    commands: [
      ...["show", "delete", "rename", "edit", "commit", "verify", "primitive", "group"].map(
        command,
      ),
      ...common,
    ],
  },
  {
    name: "cluster",
    aliases: [],
    help: "Cluster setup",
    commands: [...["start", "stop", "status"].map(command), ...common],
  },
  {
    name: "resource",
    aliases: [],
    help: "Resources",
    commands: [...["start", "stop", "status", "move", "cleanup"].map(command), ...common],
  },
  {
    name: "node",
    aliases: [],
    help: "Nodes",
    commands: [...["standby", "online", "show"].map(command), ...common],
  },
];

const ids: [IdKind, string[]][] = [
  ["primitive", ["vip", "web", "db", "fence1"]],
  ["group", ["g-web"]],
  ["clone", ["c-db"]],
  ["template", ["tpl-web"]],
  ["node", ["node1", "node2"]],
  ["constraint", ["loc-vip", "col-web"]],
  ["tag", ["t-all"]],
  ["acl_role", ["reader"]],
];

export const fixtureContext: CompletionContext = {
  idsByKind: new Map(ids),
  agents: [
    "ocf:heartbeat:IPaddr2",
    "ocf:heartbeat:apache",
    "ocf:heartbeat:Dummy",
    "ocf:pacemaker:Dummy",
    "ocf:pacemaker:Stateful",
    "stonith:fence_xvm",
    "systemd:sshd",
  ],
  agentParameters: new Map([
    [
      "ocf:heartbeat:IPaddr2",
      [
        { name: "ip", shortDesc: "IPv4 or IPv6 address", required: true },
        { name: "cidr_netmask", shortDesc: "CIDR netmask" },
        { name: "nic", shortDesc: "Network interface" },
      ],
    ],
  ]),
  agentActions: new Map([
    [
      "ocf:heartbeat:IPaddr2",
      [
        { name: "start", timeout: "20s" },
        { name: "stop", timeout: "20s" },
        { name: "monitor", interval: "10s", timeout: "20s", depth: "0" },
        { name: "meta-data", timeout: "5s" },
        { name: "validate-all", timeout: "20s" },
      ],
    ],
  ]),
  levels: fixtureLevels,
};

/** The candidates at the `<|>` marker of `text` (at its end without one). */
export function completeAt(text: string, context: CompletionContext = fixtureContext): Candidate[] {
  const marker = text.indexOf("<|>");
  const line = marker < 0 ? text : text.slice(0, marker) + text.slice(marker + 3);
  return complete(line, marker < 0 ? line.length : marker, context);
}

export function labels(candidates: readonly Candidate[]): string[] {
  return candidates.map((candidate) => candidate.label);
}

export const inLevel = (level: string): CompletionContext => ({ ...fixtureContext, level });
