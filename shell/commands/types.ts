import type { Issue } from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import type { Preferences } from "./preferences.js";

/**
 * The command tree as data (crmsh's levels and decorators): one `Level` per file under
 * shell/commands/, listed once in registry.ts. Dispatch, `help`, `ls` and (later) completion
 * all read this tree; nothing else lists command names.
 */
export interface Level {
  /** As typed: `configure`, `resource`, `node`… The root level is named "root". */
  readonly name: string;
  readonly aliases: readonly string[];
  /** One line, shown by `help` in the parent level. */
  readonly help: string;
  readonly commands: readonly Command[];
  /** Names of levels reachable from this one with `cd NAME` (or by typing NAME). */
  readonly levels?: readonly string[];
  /**
   * Runs when the shell leaves this level (`up`, `quit`, end of a one-shot command or of
   * input): configure commits or asks about pending changes here. `failed` keeps the level.
   */
  readonly leave?: (context: CommandContext) => Promise<Outcome> | Outcome;
}

/**
 * A level as the registry lists it: its name and help, and how to load its commands. Levels
 * load on first use, so a one-shot command pays only for the level it runs in.
 */
export interface LevelEntry {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly help: string;
  readonly load: () => Promise<Level>;
}

export interface Command {
  readonly name: string;
  readonly aliases: readonly string[];
  /** Synopsis after the command name, e.g. `[xml] [ID...]`. */
  readonly usage: string;
  /** One line for `help`, then optional detail lines. */
  readonly help: string;
  readonly example?: string;
  readonly run: (input: CommandInput, context: CommandContext) => Promise<Outcome> | Outcome;
}

/** What a command receives: its words (quotes removed) and its raw text for the grammar. */
export interface CommandInput {
  /** Words after the command name. */
  readonly args: readonly string[];
  /** The whole statement as typed, the command word included (for configure statements). */
  readonly text: string;
  /** 1-based line of `text` in its script (0 for a single command line). */
  readonly line: number;
}

export type Outcome =
  | { readonly kind: "done" }
  | { readonly kind: "failed" }
  | { readonly kind: "enter_level"; readonly level: string }
  | { readonly kind: "leave_level" }
  | { readonly kind: "quit" };

export const done: Outcome = { kind: "done" };
export const failed: Outcome = { kind: "failed" };

/** Where commands write. Errors and warnings go to stderr with crmsh's `ERROR: ` prefixes. */
export interface Output {
  line(text: string): void;
  error(text: string): void;
  warning(text: string): void;
  info(text: string): void;
  /** Prints issues with their position in `source` (grammar's formatIssue when there is text). */
  issues(issues: readonly Issue[], source?: string): void;
  /**
   * A progress line redrawn in place while a command runs (`undefined` clears it). Only a
   * terminal shows it; outputs without one leave this out.
   */
  status?(text: string | undefined): void;
}

/** The terminal a person sits at, lent to a program (editor, pager) while it runs. */
export interface TerminalPort {
  readonly rows: number;
  readonly columns: number;
  /** Runs `command` (a shell command line, as $EDITOR may hold options) on the terminal. */
  run(command: string, input?: string): Promise<number>;
}

/** How the shell runs: crmsh's `-F`, `-w`, and whether a person answers questions. */
export interface ShellOptions {
  readonly force: boolean;
  readonly wait: boolean;
  readonly interactive: boolean;
  /** In a script or stdin batch, commits are deferred to the end of the input (one write). */
  readonly batch: boolean;
  /** crmsh's `-n`: answer no to every question. */
  readonly no?: boolean;
  /** `-D plain|color|uppercase`: wins over the `output` option. */
  readonly display?: string | undefined;
}

/** The staged configuration: a working copy of the CIB, committed by `commit`. */
export interface CibSession {
  /** The working copy; commands replace it with `stage()`, never mutate it in place. */
  readonly working: XmlElement;
  /** The CIB as read (or as last committed). */
  readonly original: XmlElement;
  readonly changed: boolean;
  stage(next: XmlElement): void;
  /**
   * Writes the working copy; refuses on a conflicting change of the source. `replace` writes
   * the whole CIB instead of a patch; `force` skips the version check (crmsh's commit options).
   */
  commit(options?: {
    readonly replace?: boolean;
    readonly force?: boolean;
  }): Promise<readonly Issue[]>;
  /** Drops staged changes and rereads the source. */
  refresh(): Promise<readonly Issue[]>;
  /** Text shown in the prompt: `live` or a shadow name. */
  readonly label: string;
  /** Which backend: file (CIB_file, shadow CIBs), live (CRM_CLUSTER) or pacemaker. */
  readonly kind?: "file" | "live" | "pacemaker";
  /** Set while the last commit lost a race: the next refresh replays the staged changes. */
  readonly conflict?: string | undefined;
}

export interface CommandContext {
  readonly output: Output;
  readonly options: ShellOptions;
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** Opens the configuration on first use (CIB_file, CRM_CLUSTER…); issues when it cannot. */
  cib(): Promise<CibSession | readonly Issue[]>;
  /** Asks a yes/no question; without a person answering, returns `answerWhenBatch`. */
  confirm(question: string, answerWhenBatch: boolean): Promise<boolean>;
  /** Reads all of standard input (`load update -`); issues when it is the terminal. */
  readStandardInput(): Promise<string | readonly Issue[]>;
  /** `cib use [NAME]`: work on shadow CIB NAME from now on, or on the live CIB again. */
  useShadow?(name: string | undefined): Promise<readonly Issue[]>;
  /** Aborted when the person interrupts the running command (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Before each command: renews `signal` if the last command was interrupted. */
  beginCommand?(): AbortSignal;
  /** The user's options (crm.conf); contexts without them read crm.conf on first use. */
  readonly preferences?: Preferences;
  /** The terminal, when standard input and output are one (editor and pager run there). */
  readonly terminal?: TerminalPort | undefined;
}
