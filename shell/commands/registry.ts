// The command tree's levels: one file per level; add a level by adding its file and one line.
import { clusterLevel } from "./cluster.js";
import { configureLevel } from "./configure.js";
import { corosyncLevel } from "./corosync.js";
import { rootLevel } from "./root.js";
import { CommandTree } from "./tree.js";
import type { Level } from "./types.js";

const levels: readonly Level[] = [
  configureLevel,
  clusterLevel,
  corosyncLevel,
];

export function commandTree(): CommandTree {
  return new CommandTree([rootLevel(levels.map((level) => level.name)), ...levels]);
}
