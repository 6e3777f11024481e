/**
 * The interactive shell's state between the terminal and the screen: the pure REPL core's
 * state, the transcript, the prompt and the staged diff. Keys go in (`keys`), lines come out
 * (`nextLine`), and the Ink screen subscribes to `view()`. No I/O here: the host reads the
 * terminal and runs commands.
 */
import type { CibSession } from "./commands/types.js";
import type { ReplView, TranscriptEntry } from "./components/ReplScreen.js";
import type { Completer, ReplEffect, ReplState, StagedDiff } from "./repl/index.js";
import {
  continuationPrompt,
  diffPaneLinesMax,
  drainEffects,
  initialReplState,
  parseKeys,
  reduceRepl,
  stagedDiff,
} from "./repl/index.js";

/** What `nextLine` returns for Ctrl-C at an empty prompt: crmsh leaves the shell then. */
export const leaveRequested: unique symbol = Symbol("leave requested");

/** A submitted line, undefined for Ctrl-D, or `leaveRequested`. */
export type ReplInput = string | undefined | typeof leaveRequested;

export class ReplStore {
  #state: ReplState;
  #pasting = false;
  #transcript: TranscriptEntry[] = [];
  #pending = "";
  #prompt = "";
  #question: string | undefined;
  #busy = true;
  #columns: number;
  #diff: StagedDiff = { lines: [], hiddenObjects: 0 };
  #diffXml = false;
  #diffOf: { working: unknown; original: unknown; xml: boolean } | undefined;
  #session: CibSession | undefined;
  /** Submitted lines not yet taken by the loop; undefined marks Ctrl-D. */
  readonly #lines: ReplInput[] = [];
  #waiting: ((line: ReplInput) => void) | undefined;
  /** The running command's progress line (a `-w` wait), shown while busy. */
  #status: string | undefined;
  #interrupt: (() => void) | undefined;
  readonly #listeners = new Set<() => void>();
  #view: ReplView | undefined;
  readonly #complete: Completer;

  constructor(options: {
    readonly history: readonly string[];
    readonly columns: number;
    readonly complete: Completer;
  }) {
    this.#state = initialReplState(options.history);
    this.#columns = options.columns;
    this.#complete = options.complete;
  }

  get history(): readonly string[] {
    return this.#state.history;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly view = (): ReplView => {
    this.#view ??= {
      transcript: this.#transcript,
      prompt:
        this.#question ?? (this.#state.continued.length > 0 ? continuationPrompt : this.#prompt),
      state: this.#state,
      busy: this.#busy,
      status: this.#busy ? this.#status : undefined,
      diff: this.#diff,
      diffXml: this.#diffXml,
      columns: this.#columns,
    };
    return this.#view;
  };

  #changed(): void {
    this.#view = undefined;
    for (const listener of this.#listeners) listener();
  }

  /** A chunk of terminal input. */
  keys(chunk: string): void {
    for (const action of parseKeys(chunk, this.#pasting)) {
      if (action.kind === "paste_toggled") this.#pasting = action.pasting;
      // Ctrl-C while a command runs interrupts it; keys typed ahead are kept as they are.
      if (action.kind === "cancelled" && this.#busy && this.#question === undefined) {
        this.#interrupt?.();
        continue;
      }
      const [state, effects] = drainEffects(
        reduceRepl(this.#state, action, { complete: this.#complete }),
      );
      this.#state = state;
      effects.forEach((effect) => this.#perform(effect));
    }
    this.#changed();
  }

  #perform(effect: ReplEffect): void {
    const prompt = this.view().prompt;
    switch (effect.kind) {
      case "line_submitted":
        return this.#deliver(effect.text);
      case "line_continued":
        this.echo(prompt + effect.text);
        return;
      case "line_cancelled":
        this.echo(`${prompt}${effect.text.split("\n").pop() ?? ""}^C`);
        if (this.#question !== undefined) this.#deliver("");
        else if (effect.text === "") this.#deliver(leaveRequested);
        return;
      case "input_ended":
        return this.#deliver(undefined);
      case "diff_format_toggle_requested":
        this.#diffXml = !this.#diffXml;
        this.#refreshDiff();
        return;
      case "screen_clear_requested":
        return;
    }
  }

  #deliver(line: ReplInput): void {
    const waiting = this.#waiting;
    if (waiting === undefined) this.#lines.push(line);
    else {
      this.#waiting = undefined;
      waiting(line);
    }
  }

  /** The next submitted line (undefined for Ctrl-D, `leaveRequested` for Ctrl-C). */
  nextLine(): Promise<ReplInput> {
    if (this.#lines.length > 0) return Promise.resolve(this.#lines.shift());
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  /** Asks a question on the input line; resolves with the answer ("" for Ctrl-C/Ctrl-D). */
  async ask(question: string): Promise<string> {
    this.flush();
    this.#question = question;
    this.#busy = false;
    this.#changed();
    const given = await this.nextLine();
    const answer = typeof given === "string" ? given : "";
    this.echo(question + answer);
    this.#question = undefined;
    this.#busy = true;
    this.#changed();
    return answer;
  }

  /** Shows the input line with `prompt` and the staged changes of `session`. */
  showPrompt(prompt: string, session: CibSession | undefined): void {
    this.flush();
    this.#prompt = prompt;
    this.#session = session;
    this.#busy = false;
    this.#refreshDiff();
  }

  setBusy(): void {
    this.#busy = true;
    this.#status = undefined;
    this.#changed();
  }

  /** The progress line of the running command; undefined clears it. */
  setStatus(text: string | undefined): void {
    if (text === this.#status) return;
    this.#status = text;
    this.#changed();
  }

  /** Who interrupts the running command when Ctrl-C is pressed while it runs. */
  onInterrupt(interrupt: () => void): void {
    this.#interrupt = interrupt;
  }

  /** Draws the screen again (the palette changed). */
  repaint(): void {
    this.#diffOf = undefined;
    this.#refreshDiff();
  }

  #refreshDiff(): void {
    const session = this.#session;
    const working = session?.working;
    const original = session?.original;
    const known = this.#diffOf;
    const stale =
      known === undefined ||
      known.working !== working ||
      known.original !== original ||
      known.xml !== this.#diffXml;
    if (stale) {
      this.#diff =
        session === undefined || !session.changed
          ? { lines: [], hiddenObjects: 0 }
          : stagedDiff(session.original, session.working, {
              xml: this.#diffXml,
              linesMax: diffPaneLinesMax,
            });
      this.#diffOf = { working, original, xml: this.#diffXml };
    }
    this.#changed();
  }

  /** Text a command wrote; `style` colors each line. Kept until `flush`. */
  append(text: string, style: (line: string) => string): void {
    const lines = text.replace(/\n$/, "").split("\n");
    this.#pending += `${lines.map(style).join("\n")}\n`;
  }

  /** Moves what commands wrote into the transcript (one entry per command). */
  flush(): void {
    if (this.#pending === "") return;
    const text = this.#pending.replace(/\n$/, "");
    this.#pending = "";
    this.#record(text);
  }

  /** Adds a line (or lines) to the transcript, after what commands wrote before it. */
  echo(text: string): void {
    this.flush();
    this.#record(text);
  }

  #record(text: string): void {
    this.#transcript = [...this.#transcript, { key: this.#transcript.length, text }];
    this.#changed();
  }

  /** The line the loop took, as it was typed: its last physical line after the prompt. */
  echoSubmitted(prompt: string, line: string): void {
    const physical = line.split("\n");
    this.echo((physical.length > 1 ? continuationPrompt : prompt) + (physical.pop() ?? ""));
  }

  resize(columns: number): void {
    this.#columns = columns;
    this.#changed();
  }
}
