import { optionEnabled, readUserOptions, writeUserOptions } from "./options-store.js";
import type { SkillLevel } from "./skill-levels.js";

type Environment = Readonly<Record<string, string | undefined>>;

/** crmsh's `output` option (color.style): how the shell styles what it prints. */
export type OutputStyle = "plain" | "color" | "uppercase";

/**
 * The user's options for one shell (crmsh's `config.core` and `config.color`): read from
 * crm.conf at start, changed by the options level, written back by its `save`. Commands read
 * them through the typed getters, so a change takes effect at once, as in crmsh.
 */
export class Preferences {
  #values: Map<string, string>;
  #changed = false;
  readonly #listeners = new Set<() => void>();

  constructor(readonly environment: Environment) {
    this.#values = readUserOptions(environment);
  }

  /** Set since the last save or reset. */
  get changed(): boolean {
    return this.#changed;
  }

  get values(): ReadonlyMap<string, string> {
    return this.#values;
  }

  get(key: string): string | undefined {
    return this.#values.get(key);
  }

  set(key: string, value: string): void {
    this.#values.set(key, value);
    this.#changed = true;
    this.#notify();
  }

  /** Forgets this session's changes: crm.conf is read again. */
  reset(): void {
    this.#values = readUserOptions(this.environment);
    this.#changed = false;
    this.#notify();
  }

  /** Writes crm.conf; throws the file system's error (the options level reports it). */
  save(): void {
    writeUserOptions(this.environment, this.#values);
    this.#changed = false;
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }

  /** core.editor, else $EDITOR, else $VISUAL, else vi (crmsh's opt_program('EDITOR')). */
  editor(): string {
    return this.#program("core.editor", ["EDITOR", "VISUAL"], "vi");
  }

  /** core.pager, else $PAGER, else less. */
  pager(): string {
    return this.#program("core.pager", ["PAGER"], "less");
  }

  /** core.sort_elements: `show` sorts objects by id within each kind (default yes). */
  sortElements(): boolean {
    const value = this.#values.get("core.sort_elements");
    return value === undefined || optionEnabled(value);
  }

  /** core.skill_level: which commands this user may run (default expert: all). */
  skillLevel(): SkillLevel {
    const value = this.#values.get("core.skill_level");
    return value === "operator" || value === "administrator" ? value : "expert";
  }

  /** core.add_quotes: one-shot arguments with blanks are quoted again (default yes). */
  addQuotes(): boolean {
    const value = this.#values.get("core.add_quotes");
    return value === undefined || optionEnabled(value);
  }

  /** core.wait: resource and node commands wait as with -w. */
  wait(): boolean {
    return optionEnabled(this.#values.get("core.wait"));
  }

  /**
   * core.manage_children: whether start/stop/manage on a group or clone also override its
   * members' own settings — always, never, or ask (quorate: yes only with -F).
   */
  overrideChildren(force: boolean): boolean {
    const value = this.#values.get("core.manage_children") ?? "ask";
    return value === "always" || (value === "ask" && force);
  }

  /** core.check_frequency: commit runs the checks unless it is on-verify or never. */
  checksAtCommit(): boolean {
    const value = this.#values.get("core.check_frequency") ?? "always";
    return value === "always";
  }

  /** core.check_mode relaxed: check errors warn but do not refuse a commit. */
  relaxedChecks(): boolean {
    return this.#values.get("core.check_mode") === "relaxed";
  }

  /** color.style: undefined when crm.conf says nothing (the terminal decides). */
  outputStyle(): OutputStyle | undefined {
    const value = this.#values.get("color.style");
    return value === "plain" || value === "color" || value === "uppercase" ? value : undefined;
  }

  #program(key: string, variables: readonly string[], fallback: string): string {
    const configured = this.#values.get(key)?.trim();
    // crmsh stores its default as the variable's name ("$EDITOR"): read the variable then.
    if (configured !== undefined && configured !== "" && !configured.startsWith("$")) {
      return configured;
    }
    const named = configured?.startsWith("$") === true ? [configured.slice(1)] : [];
    for (const variable of [...named, ...variables]) {
      const value = this.environment[variable]?.trim();
      if (value !== undefined && value !== "") return value;
    }
    return fallback;
  }
}

/** The preferences of a context; contexts built without them get their own, read once. */
const fallbackPreferences = new WeakMap<object, Preferences>();

export function preferencesOf(context: {
  readonly preferences?: Preferences;
  readonly environment: Environment;
}): Preferences {
  if (context.preferences !== undefined) return context.preferences;
  let found = fallbackPreferences.get(context);
  if (found === undefined) {
    found = new Preferences(context.environment);
    fallbackPreferences.set(context, found);
  }
  return found;
}
