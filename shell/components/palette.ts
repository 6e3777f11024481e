import { Chalk } from "chalk";

/** How the interactive views color text; every function is the identity when color is off. */
export interface Palette {
  readonly error: (text: string) => string;
  readonly warning: (text: string) => string;
  readonly info: (text: string) => string;
  readonly added: (text: string) => string;
  readonly removed: (text: string) => string;
  readonly changed: (text: string) => string;
  readonly prompt: (text: string) => string;
  readonly heading: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly selected: (text: string) => string;
  readonly good: (text: string) => string;
  readonly bad: (text: string) => string;
}

/**
 * Color only on a terminal, never with NO_COLOR set (any value, no-color.org) or `-D plain`;
 * FORCE_COLOR wins over the terminal check, as chalk reads it.
 */
export function colorEnabled(options: {
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly isTerminal: boolean;
  readonly display?: string | undefined;
}): boolean {
  if (options.display === "plain") return false;
  if (options.environment["NO_COLOR"] !== undefined) return false;
  const forced = options.environment["FORCE_COLOR"];
  if (forced !== undefined) return forced !== "0" && forced !== "false";
  return options.isTerminal && options.environment["TERM"] !== "dumb";
}

export function createPalette(color: boolean): Palette {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return {
    error: (text) => chalk.red(text),
    warning: (text) => chalk.yellow(text),
    info: (text) => chalk.cyan(text),
    added: (text) => chalk.green(text),
    removed: (text) => chalk.red(text),
    changed: (text) => chalk.yellow(text),
    prompt: (text) => chalk.bold(text),
    heading: (text) => chalk.bold(text),
    dim: (text) => chalk.dim(text),
    selected: (text) => chalk.inverse(text),
    good: (text) => chalk.green(text),
    bad: (text) => chalk.red(text),
  };
}

export const plainPalette: Palette = createPalette(false);

/**
 * A palette whose colors follow `enabled()` at each call, so `options output plain` in a
 * running shell takes effect on the next frame.
 */
export function switchablePalette(enabled: () => boolean): Palette {
  const colored = createPalette(true);
  const keys = Object.keys(plainPalette) as (keyof Palette)[];
  return Object.fromEntries(
    keys.map((key) => [key, (text: string) => (enabled() ? colored : plainPalette)[key](text)]),
  ) as unknown as Palette;
}
