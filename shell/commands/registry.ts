// The command tree's levels, one file per level. Add a level with its file and one entry here;
// `load` imports the file only when the level is used, so one-shot start-up stays small.
import { rootLevel } from "./root.js";
import { CommandTree } from "./tree.js";
import type { LevelEntry } from "./types.js";

const levels: readonly LevelEntry[] = [
  {
    name: "configure",
    aliases: [],
    help: "CIB configuration: staged edits in the crm configure language, written by commit",
    load: async () => (await import("./configure.js")).configureLevel,
  },
  {
    name: "cluster",
    aliases: [],
    help: "Cluster setup: authkey, local clusters of quorated processes, users",
    load: async () => (await import("./cluster.js")).clusterLevel,
  },
  {
    name: "corosync",
    aliases: [],
    help: "Corosync-compatible membership and quorum of the live cluster",
    load: async () => (await import("./corosync.js")).corosyncLevel,
  },
  {
    name: "resource",
    aliases: [],
    help: "Resource management: start, stop, move, ban, cleanup, attributes",
    load: async () => (await import("./resource.js")).resourceLevel,
  },
  {
    name: "node",
    aliases: [],
    help: "Node management: standby, online, maintenance, attributes, fencing",
    load: async () => (await import("./node.js")).nodeLevel,
  },
  {
    name: "cib",
    aliases: [],
    help: "Shadow CIBs: copies of the CIB to edit and test before committing them",
    load: async () => (await import("./cib.js")).cibLevel,
  },
  {
    name: "options",
    aliases: [],
    help: "User preferences (crm.conf): editor, pager, output, wait, sort-elements",
    load: async () => (await import("./options.js")).optionsLevel,
  },
  {
    name: "ra",
    aliases: [],
    help: "Resource agents: classes, providers, lists and meta-data",
    load: async () => (await import("./ra.js")).raLevel,
  },
];

export function commandTree(): CommandTree {
  return new CommandTree(rootLevel(levels.map((level) => level.name)), levels);
}
