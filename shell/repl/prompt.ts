/**
 * crmsh's prompt: `crm(<cib>/<host>)<levels># `, the levels separated by blanks
 * (`crm(live/node1)configure ra# `). <cib> is `live`, a shadow CIB's name, or for a CIB file
 * (CIB_file) the file's base name. Continuation lines show `   > `. Pure.
 */

export const continuationPrompt = "   > ";

export interface PromptFacts {
  /** The label of the opened CIB session (`live`, or a shadow's name), when one is open. */
  readonly sessionLabel: string | undefined;
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** This node's name (crmsh prints `os.uname()[1]`). */
  readonly host: string;
  /** The level path as the shell keeps it: `configure/ra`, or "" at the root. */
  readonly levelPath: string;
}

/** The base name of a path (`/tmp/x/cib.xml` → `cib.xml`). */
export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1) || path;
}

/** What the prompt shows for the CIB in use. */
export function cibLabel(facts: Omit<PromptFacts, "host" | "levelPath">): string {
  const label = facts.sessionLabel;
  if (label !== undefined && label !== "live") return label;
  const file = facts.environment["CIB_file"];
  if (file !== undefined && file !== "") return baseName(file);
  const shadow = facts.environment["CIB_shadow"];
  if (shadow !== undefined && shadow !== "") return shadow;
  return "live";
}

export function promptText(facts: PromptFacts): string {
  const levels = facts.levelPath
    .split("/")
    .filter((name) => name !== "")
    .join(" ");
  return `crm(${cibLabel(facts)}/${facts.host})${levels}# `;
}
