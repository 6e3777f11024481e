import type { Issue } from "../backend/base/index.js";
import { issue } from "../backend/base/index.js";
import { ClientError, resolveClusterTarget } from "../backend/client/index.js";
import { PacemakerBackend } from "../backend/pacemaker/index.js";
import type { CibBackend } from "../backend/session/index.js";
import { FileBackend, LiveBackend, StagedSession } from "../backend/session/index.js";
import { shadowPath, validShadowName } from "./commands/cib-shadow-files.js";
import { Preferences } from "./commands/preferences.js";
import { optionEnabled } from "./commands/options-store.js";
import type {
  CibSession,
  CommandContext,
  Output,
  ShellOptions,
  TerminalPort,
} from "./commands/types.js";

export interface ContextPorts {
  /** Asks a person; undefined when nobody answers (scripts, pipes). */
  readonly ask?: (question: string) => Promise<string>;
  /** Reads standard input to its end; undefined when standard input is the terminal. */
  readonly readStandardInput?: () => Promise<string>;
  /** The terminal, when crm runs on one (editor and pager). */
  readonly terminal?: TerminalPort;
  /** The user's options; read from crm.conf when not given. */
  readonly preferences?: Preferences;
}

type Environment = Readonly<Record<string, string | undefined>>;

/** The context every command runs in; opens the CIB backend chosen by the environment. */
export class ShellContext implements CommandContext {
  #session: StagedSession | undefined;
  /** `cib use NAME` overrides CIB_shadow; `cib use` (no name) returns to the live CIB. */
  #shadow: { readonly name: string | undefined } | undefined;
  #interrupt = new AbortController();
  readonly preferences: Preferences;

  constructor(
    readonly output: Output,
    readonly options: ShellOptions,
    readonly environment: Environment,
    private readonly ports: ContextPorts = {},
  ) {
    this.preferences = ports.preferences ?? new Preferences(environment);
  }

  /** Aborted when the person interrupts the running command. */
  get signal(): AbortSignal {
    return this.#interrupt.signal;
  }

  get terminal(): TerminalPort | undefined {
    return this.ports.terminal;
  }

  /** Interrupts the running command (Ctrl-C); the next command gets a fresh signal. */
  interrupt(): void {
    this.#interrupt.abort();
  }

  /** Called before each command: a fresh signal unless the previous one is still unused. */
  beginCommand(): AbortSignal {
    if (this.#interrupt.signal.aborted) this.#interrupt = new AbortController();
    return this.#interrupt.signal;
  }

  /** The session if a command opened one. */
  get openedSession(): CibSession | undefined {
    return this.#session;
  }

  async cib(): Promise<CibSession | readonly Issue[]> {
    if (this.#session !== undefined) return this.#session;
    const environment =
      this.#shadow === undefined
        ? this.environment
        : { ...this.environment, CIB_shadow: this.#shadow.name };
    const opened = await openCibSession(environment);
    if ("working" in opened) this.#session = opened;
    return opened;
  }

  async useShadow(name: string | undefined): Promise<readonly Issue[]> {
    const previous = this.#session;
    if (previous?.changed === true) {
      // A script's staged edits belong to the CIB they were made on: write them there first.
      if (!this.options.batch) {
        return [
          issue("changes_pending", `There are changes pending on ${previous.label}`, {
            suggestion: "commit or refresh them before switching CIBs",
          }),
        ];
      }
      const written = await previous.commit();
      if (written.length > 0) return written;
    }
    this.#shadow = { name };
    this.#session = undefined;
    const opened = await this.cib();
    if (!("working" in opened)) {
      this.#session = previous;
      return opened;
    }
    previous?.close();
    return [];
  }

  async confirm(question: string, answerWhenBatch: boolean): Promise<boolean> {
    if (this.options.force || optionEnabled(this.preferences.get("core.force"))) return true;
    if (this.options.no === true) return false;
    if (this.ports.ask === undefined || !this.options.interactive) return answerWhenBatch;
    const answer = await this.ports.ask(`${question} `);
    return /^y(es)?$/i.test(answer.trim());
  }

  async readStandardInput(): Promise<string | readonly Issue[]> {
    if (this.ports.readStandardInput === undefined) {
      return [issue("no_input", "Standard input is the terminal or already read")];
    }
    return this.ports.readStandardInput();
  }
}

/**
 * The backend DESIGN.md's table selects: CRM_BACKEND=pacemaker drives Pacemaker's tools (which
 * honour CIB_file themselves); a shadow (CIB_shadow) or CIB_file edits that file; CRM_CLUSTER
 * (ws:// URL or a local cluster's folder) talks to a quorated.
 */
export function selectCibBackend(environment: Environment): CibBackend | readonly Issue[] {
  if (environment["CRM_BACKEND"] === "pacemaker") return new PacemakerBackend(environment);
  const shadow = environment["CIB_shadow"];
  if (shadow !== undefined && shadow !== "") {
    if (!validShadowName(shadow)) return [issue("no_cib", `Invalid shadow CIB name "${shadow}"`)];
    return new FileBackend(shadowPath(environment, shadow), shadow);
  }
  const path = environment["CIB_file"];
  if (path !== undefined && path !== "") return new FileBackend(path);
  const cluster = environment["CRM_CLUSTER"];
  if (cluster !== undefined && cluster !== "") {
    try {
      return new LiveBackend(resolveClusterTarget(environment));
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      return [issue("no_cib", `Cannot reach the cluster: ${error.message}`)];
    }
  }
  return [
    issue(
      "no_cib",
      "No CIB to work on: set CIB_file=PATH, CRM_CLUSTER=DIR|ws://HOST:PORT or CRM_BACKEND=pacemaker",
      {
        suggestion: "for example CIB_file=cib.xml crm configure show",
      },
    ),
  ];
}

export async function openCibSession(
  environment: Environment,
): Promise<StagedSession | readonly Issue[]> {
  const backend = selectCibBackend(environment);
  if (!("kind" in backend)) return backend;
  return StagedSession.open(backend);
}
