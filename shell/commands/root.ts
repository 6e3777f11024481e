import { statusCommand } from "./status.js";
import type { Level } from "./types.js";

/** The root level: the common commands (help, cd, ls, up, quit) and every other level. */
export function rootLevel(levels: readonly string[]): Level {
  return {
    name: "root",
    aliases: [],
    help: "crm — the cluster shell (crmsh-compatible)",
    commands: [statusCommand],
    levels,
  };
}
