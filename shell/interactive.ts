/**
 * The interactive shell on a terminal: an Ink screen over the pure REPL core (shell/repl).
 * Loaded only when standard input is a terminal; Ink and React are imported from here on
 * (dynamically), so one-shot commands and piped input never load them. The first prompt is
 * painted before Ink has loaded and keys typed meanwhile are kept, so the shell answers at
 * once.
 */
import { hostname } from "node:os";
import { describeInText } from "./configure-language.js";
import { colorEnabled, switchablePalette } from "./components/palette.js";
import type { Palette } from "./components/palette.js";
import type { ReplView } from "./components/ReplScreen.js";
import type { HeldStream } from "./held-stream.js";
import { holdableStream } from "./held-stream.js";
import { readHistory, writeHistory } from "./history-file.js";
import { StreamOutput } from "./output.js";
import type { CompletionItem } from "./repl/index.js";
import { promptText } from "./repl/index.js";
import { leaveRequested, ReplStore } from "./repl-store.js";
import type { Preferences } from "./commands/preferences.js";
import type { CibSession, TerminalPort } from "./commands/types.js";
import type { Shell } from "./shell.js";
import { processTerminal } from "./terminal-port.js";

type Environment = Readonly<Record<string, string | undefined>>;

/** What the loop needs of the command context: the session a command opened, if any. */
export interface SessionSource {
  readonly openedSession: CibSession | undefined;
  /** Interrupts the running command (Ctrl-C while it runs). */
  interrupt?(): void;
}

export interface TerminalSession {
  /** Where commands write while the REPL runs: into the transcript above the prompt. */
  readonly output: StreamOutput;
  /** Asks a person (y/n questions): the question becomes the prompt of the next line. */
  readonly ask: (question: string) => Promise<string>;
  /** The terminal lent to editors and pagers (the screen stops reading keys meanwhile). */
  readonly port: TerminalPort;
  /** Runs the loop until `quit` or Ctrl-D at the root; returns the exit code. */
  run(shell: Shell, context: SessionSource): Promise<number>;
}

/**
 * Takes the terminal: raw keys into the REPL core, output into its transcript. A dumb
 * terminal, or one that reports no size, gets the plain readline loop instead.
 */
export async function openTerminal(options: {
  readonly environment: Environment;
  readonly display?: string | undefined;
  readonly preferences?: Preferences;
}): Promise<TerminalSession> {
  const environment = options.environment;
  if (environment["TERM"] === "dumb" || !(process.stdout.columns > 0)) {
    return (await import("./interactive-plain.js")).openPlainTerminal(environment);
  }
  const palette = switchablePalette(() =>
    colorEnabled({
      environment,
      isTerminal: process.stdout.isTTY,
      // `options output plain` in this session takes effect at once; -D wins over it.
      display: options.display ?? options.preferences?.outputStyle(),
    }),
  );
  let shellRef: { shell?: Shell; context?: SessionSource } = {};
  // Completion loads the grammar (~0.3 s of CPU): after the first prompt, not before it. A Tab
  // pressed before it is ready is answered when it is.
  let completer: ((line: string, cursor: number) => readonly CompletionItem[]) | undefined;
  let tabWaiting = false;
  const store = new ReplStore({
    history: readHistory(environment),
    columns: process.stdout.columns || 80,
    complete: (text, cursor) => {
      const start = cursor - (/\S*$/.exec(text.slice(0, cursor))?.[0].length ?? 0);
      tabWaiting = completer === undefined;
      return { start, candidates: completer?.(text, cursor) ?? [] };
    },
  });
  void import("./complete-command.js")
    .then(({ replCompleter }) =>
      replCompleter(environment, () => ({
        level: shellRef.shell?.path.split("/").pop() || "root",
        cib: shellRef.context?.openedSession?.working,
      })),
    )
    .then((loaded) => {
      completer = loaded;
      if (tabWaiting) store.keys("\t");
    });
  const output = new StreamOutput(
    { write: (text: string) => store.append(text, (line) => line) },
    { write: (text: string) => store.append(text, (line) => styleMessage(line, palette)) },
    describeInText,
    (text) => store.setStatus(text),
  );
  const terminal = new TerminalInput(store);
  terminal.start();
  const screenOutput = holdableStream(process.stdout);
  const screen = mountWhenLoaded(store, palette, screenOutput.stream);
  options.preferences?.onChange(() => store.repaint());
  return {
    output,
    ask: (question) => store.ask(question),
    port: lentTerminal(terminal, screenOutput),
    run: async (shell, context) => {
      shellRef = { shell, context };
      store.onInterrupt(() => context.interrupt?.());
      try {
        return await runLoop(shell, context, store, environment);
      } finally {
        writeHistory(environment, store.history);
        (await screen).unmount();
        terminal.stop();
      }
    },
  };
}

/** The terminal lent to an editor or pager: no keys read, the screen's frames held back. */
function lentTerminal(input: TerminalInput, screen: HeldStream): TerminalPort {
  return processTerminal({
    suspend: () => {
      input.pause();
      screen.hold();
    },
    resume: () => {
      screen.release();
      input.resume();
    },
  });
}

/** ERROR/WARNING/INFO lines colored as crmsh colors them. */
function styleMessage(line: string, palette: Palette): string {
  if (line.startsWith("ERROR:")) return palette.error(line);
  if (line.startsWith("WARNING:")) return palette.warning(line);
  if (line.startsWith("INFO:")) return palette.info(line);
  return line;
}

async function runLoop(
  shell: Shell,
  context: SessionSource,
  store: ReplStore,
  environment: Environment,
): Promise<number> {
  const host = hostname();
  let lastFailed = false;
  for (;;) {
    const prompt = promptText({
      sessionLabel: context.openedSession?.label,
      environment,
      host,
      levelPath: shell.path,
    });
    store.showPrompt(prompt, context.openedSession);
    const line = await store.nextLine();
    store.setBusy();
    if (line === leaveRequested) {
      // Ctrl-C at an empty prompt leaves the shell, as crmsh's does (exit code 1).
      store.echo("Ctrl-C, leaving");
      await shell.finish();
      lastFailed = true;
      break;
    }
    if (line === undefined) {
      // Ctrl-D leaves the level, and the shell at the root.
      store.echo(prompt);
      if (shell.path === "") break;
      lastFailed = !(await shell.runLine("up"));
      continue;
    }
    store.echoSubmitted(prompt, line);
    lastFailed = !(await shell.runLine(line));
    store.flush();
    if (shell.finished) break;
  }
  if (!shell.finished) await shell.finish();
  store.append("bye\n", (text) => text);
  store.flush();
  return lastFailed ? 1 : 0;
}

/** The terminal marks pasted text, so a tab in it is not taken for Tab. */
const bracketedPasteOn = "\x1b[?2004h";
const bracketedPasteOff = "\x1b[?2004l";

/** Raw keys from the terminal into the store; Ctrl-C and Ctrl-D are keys like any other. */
class TerminalInput {
  readonly #store: ReplStore;
  readonly #onData = (chunk: string): void => this.#store.keys(chunk);
  readonly #onResize = (): void => this.#store.resize(process.stdout.columns || 80);

  constructor(store: ReplStore) {
    this.#store = store;
  }

  start(): void {
    process.stdin.setRawMode(true);
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", this.#onData);
    process.stdin.resume();
    process.stdout.write(bracketedPasteOn);
    process.stdout.on("resize", this.#onResize);
  }

  /** Another program has the terminal: cooked mode, keys left to it. */
  pause(): void {
    process.stdin.off("data", this.#onData);
    process.stdin.setRawMode(false);
    process.stdin.pause();
  }

  resume(): void {
    process.stdin.setRawMode(true);
    process.stdin.on("data", this.#onData);
    process.stdin.resume();
  }

  stop(): void {
    process.stdin.off("data", this.#onData);
    process.stdout.off("resize", this.#onResize);
    process.stdout.write(bracketedPasteOff);
    process.stdin.setRawMode(false);
    process.stdin.pause();
  }
}

/**
 * Paints the prompt line by hand until Ink has loaded, then mounts the screen (clearing that
 * line first, so Ink's first frame takes its place).
 */
async function mountWhenLoaded(
  store: ReplStore,
  palette: Palette,
  stdout: NodeJS.WriteStream,
): Promise<{ unmount(): void }> {
  const paint = (view: ReplView): void => {
    if (view.busy) return;
    const text = view.prompt + view.state.line.text;
    const back = view.state.line.text.length - view.state.line.cursor;
    stdout.write(`\r\x1b[2K${text}${back > 0 ? `\x1b[${back}D` : ""}`);
  };
  const stopPainting = store.subscribe(() => paint(store.view()));
  const [{ render }, { createElement }, { ReplApp }] = await Promise.all([
    import("./ui.js"),
    import("react"),
    import("./components/ReplScreen.js"),
  ]);
  stopPainting();
  stdout.write("\r\x1b[2K");
  const instance = render(createElement(ReplApp, { source: store, palette }), {
    exitOnCtrlC: false,
    patchConsole: false,
    stdout,
  });
  return {
    unmount: () => {
      instance.unmount();
      instance.cleanup();
    },
  };
}
