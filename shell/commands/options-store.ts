import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

type Environment = Readonly<Record<string, string | undefined>>;

/** One of crmsh's user options: its INI key, default and accepted values. */
export interface OptionSpec {
  readonly key: string;
  readonly defaultValue: string;
  /** Accepted values; undefined accepts any text. */
  readonly choices?: readonly string[];
}

const yesNo = ["yes", "no", "true", "false", "on", "off"] as const;

/** A boolean option's value read as crmsh reads it (yes, true and on are true). */
export function optionEnabled(value: string | undefined): boolean {
  return value !== undefined && ["yes", "true", "on"].includes(value.toLowerCase());
}

/** crmsh 4.4's options that matter here, keyed as `crm options` names them. */
export const optionSpecs: Readonly<Record<string, OptionSpec>> = {
  editor: { key: "core.editor", defaultValue: "$EDITOR" },
  pager: { key: "core.pager", defaultValue: "$PAGER" },
  user: { key: "core.user", defaultValue: "" },
  "skill-level": {
    key: "core.skill_level",
    defaultValue: "expert",
    choices: ["operator", "administrator", "expert"],
  },
  output: { key: "color.style", defaultValue: "color", choices: ["plain", "color", "uppercase"] },
  colorscheme: { key: "color.scheme", defaultValue: "on", choices: ["on", "off"] },
  "sort-elements": { key: "core.sort_elements", defaultValue: "yes", choices: yesNo },
  wait: { key: "core.wait", defaultValue: "false", choices: yesNo },
  "check-frequency": {
    key: "core.check_frequency",
    defaultValue: "always",
    choices: ["always", "on-verify", "never"],
  },
  "check-mode": { key: "core.check_mode", defaultValue: "strict", choices: ["strict", "relaxed"] },
  "add-quotes": { key: "core.add_quotes", defaultValue: "yes", choices: yesNo },
  "manage-children": {
    key: "core.manage_children",
    defaultValue: "ask",
    choices: ["ask", "never", "always"],
  },
};

/** The user's crm.conf: `$XDG_CONFIG_HOME/crm/crm.conf`, else `~/.config/crm/crm.conf`. */
export function userConfigPath(environment: Environment): string {
  const base = environment["XDG_CONFIG_HOME"] ?? join(environment["HOME"] ?? homedir(), ".config");
  return join(base, "crm", "crm.conf");
}

/** Reads `[section]` and `key = value` lines into dotted keys (`core.editor`). */
export function parseIni(text: string): Map<string, string> {
  const values = new Map<string, string>();
  let section = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const heading = /^\[([^\]]+)\]$/.exec(line);
    if (heading !== null) {
      section = heading[1]?.trim() ?? "";
      continue;
    }
    const equals = line.indexOf("=");
    if (equals <= 0 || section === "") continue;
    values.set(`${section}.${line.slice(0, equals).trim()}`, line.slice(equals + 1).trim());
  }
  return values;
}

export function formatIni(values: ReadonlyMap<string, string>): string {
  const sections = new Map<string, string[]>();
  for (const [key, value] of [...values].sort(([left], [right]) => left.localeCompare(right))) {
    const [section = "", ...rest] = key.split(".");
    const lines = sections.get(section) ?? [];
    lines.push(`${rest.join(".")} = ${value}`);
    sections.set(section, lines);
  }
  return [...sections].map(([section, lines]) => `[${section}]\n${lines.join("\n")}\n`).join("\n");
}

/** The options configured in the user's crm.conf (empty when it does not exist). */
export function readUserOptions(environment: Environment): Map<string, string> {
  try {
    return parseIni(readFileSync(userConfigPath(environment), "utf8"));
  } catch {
    return new Map();
  }
}

/** Writes the options to the user's crm.conf (temporary file, then rename). */
export function writeUserOptions(
  environment: Environment,
  values: ReadonlyMap<string, string>,
): void {
  const path = userConfigPath(environment);
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, formatIni(values));
  renameSync(temporary, path);
}
