/**
 * crm_simulate's output object: fancy text (nested `* ` lists) by default, plain text when
 * scores are shown (as Pacemaker, which only forces --text-fancy without --show-scores),
 * nothing but scores with --quiet. Spacers follow Pacemaker's rule: a blank line before a
 * block when something was printed before it, even when quiet.
 */
import type { ListItem } from "../render/status/index.js";
import { renderPlain, renderTree } from "../render/status/index.js";

export class Printer {
  readonly #lines: string[] = [];
  #printed = false;

  constructor(
    readonly fancy: boolean,
    readonly quiet: boolean,
  ) {}

  /** Whether anything was printed since the start (Pacemaker's `printed == pcmk_rc_ok`). */
  get printed(): boolean {
    return this.#printed;
  }

  markPrinted(): void {
    this.#printed = true;
  }

  /** A blank line if something was printed before. */
  spacer(): void {
    if (this.#printed) this.#lines.push("");
  }

  /** An informational line (`out->info`), dropped when quiet. */
  info(text: string): void {
    if (!this.quiet) this.#lines.push(text);
  }

  /** Raw lines that ignore quiet (scores). */
  raw(lines: readonly string[]): void {
    this.#lines.push(...lines);
  }

  /** A titled list: fancy as `Title:` with bullets, plain without header. */
  list(item: ListItem): void {
    if (this.quiet) return;
    this.#lines.push(...(this.fancy ? renderTree(item) : renderPlain(item)));
  }

  /** A titled list whose info entries are printed flush left, as `out->info` inside a list. */
  entries(
    title: string,
    entries: readonly { readonly text: string; readonly info: boolean }[],
  ): void {
    if (this.quiet) return;
    if (this.fancy) this.#lines.push(`${title}:`);
    for (const entry of entries) {
      this.#lines.push(entry.info || !this.fancy ? entry.text : `  * ${entry.text}`);
    }
  }

  text(): string {
    return this.#lines.length === 0 ? "" : `${this.#lines.join("\n")}\n`;
  }
}
