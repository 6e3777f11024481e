import type { Issue } from "../backend/base/index.js";
import { issue } from "../backend/base/index.js";
import type { CibSession, CommandContext, Output, ShellOptions } from "./commands/types.js";
import { FileSession } from "./file-session.js";

export interface ContextPorts {
  /** Asks a person; undefined when nobody answers (scripts, pipes). */
  readonly ask?: (question: string) => Promise<string>;
  /** Reads standard input to its end; undefined when standard input is the terminal. */
  readonly readStandardInput?: () => Promise<string>;
}

/** The context every command runs in; opens the CIB backend chosen by the environment. */
export class ShellContext implements CommandContext {
  #session: CibSession | undefined;

  constructor(
    readonly output: Output,
    readonly options: ShellOptions,
    readonly environment: Readonly<Record<string, string | undefined>>,
    private readonly ports: ContextPorts = {},
  ) {}

  /** The session if a command opened one. */
  get openedSession(): CibSession | undefined {
    return this.#session;
  }

  async cib(): Promise<CibSession | readonly Issue[]> {
    if (this.#session !== undefined) return this.#session;
    const opened = await openCibSession(this.environment);
    if ("working" in opened) this.#session = opened;
    return opened;
  }

  async confirm(question: string, answerWhenBatch: boolean): Promise<boolean> {
    if (this.options.force) return true;
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
 * Chooses the CIB backend as Pacemaker's tools do: `CIB_file=PATH` edits that file. The live
 * (`CRM_CLUSTER`) and pacemaker backends register here when they exist.
 */
export async function openCibSession(
  environment: Readonly<Record<string, string | undefined>>,
): Promise<CibSession | readonly Issue[]> {
  const path = environment["CIB_file"];
  if (path !== undefined && path !== "") return FileSession.open(path);
  return [
    issue("no_cib", "No CIB to work on: set CIB_file=PATH to edit a CIB file", {
      suggestion: "for example CIB_file=cib.xml crm configure show",
    }),
  ];
}
