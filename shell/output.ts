import type { Issue } from "../backend/base/index.js";
import { isError } from "../backend/base/index.js";
import type { Output } from "./commands/types.js";

/** Writes to a pair of streams; errors, warnings and notes go to stderr as crmsh prints them. */
export class StreamOutput implements Output {
  #errors = 0;
  #statusShown = false;
  readonly status?: (text: string | undefined) => void;

  /**
   * `status` shows the progress line: on a terminal's stderr (see `terminalStatus`), or the
   * REPL's line under the transcript. Without it progress stays silent (pipes, files).
   */
  constructor(
    private readonly stdout: { write(text: string): unknown },
    private readonly stderr: { write(text: string): unknown },
    private readonly formatIssue?: (source: string, found: Issue) => string,
    status?: (text: string | undefined) => void,
  ) {
    if (status !== undefined) {
      this.status = (text) => {
        this.#statusShown = text !== undefined;
        status(text);
      };
    }
  }

  /** A line written while the progress line shows replaces it (the next update redraws it). */
  #clearStatus(): void {
    if (this.#statusShown) this.status?.(undefined);
  }

  /** How many errors were printed (the exit code of a script depends on it). */
  get errorCount(): number {
    return this.#errors;
  }

  line(text: string): void {
    this.#clearStatus();
    this.stdout.write(`${text}\n`);
  }

  error(text: string): void {
    this.#clearStatus();
    this.#errors += 1;
    this.stderr.write(`ERROR: ${text}\n`);
  }

  warning(text: string): void {
    this.#clearStatus();
    this.stderr.write(`WARNING: ${text}\n`);
  }

  info(text: string): void {
    this.#clearStatus();
    this.stderr.write(`INFO: ${text}\n`);
  }

  issues(issues: readonly Issue[], source?: string): void {
    for (const found of issues) {
      const positioned = source !== undefined && found.span !== undefined;
      if (positioned && this.formatIssue !== undefined) {
        if (isError(found)) this.#errors += 1;
        this.stderr.write(`${this.formatIssue(source, found)}\n`);
        continue;
      }
      const text = describeIssue(found, source, this.formatIssue);
      if (isError(found)) this.error(text);
      else this.warning(text);
    }
  }
}

/** `LINE:COLUMN: message (hint)`, or the grammar's caret display when the text is known. */
export function describeIssue(
  found: Issue,
  source: string | undefined,
  formatIssue?: (source: string, found: Issue) => string,
): string {
  if (source !== undefined && found.span !== undefined && formatIssue !== undefined) {
    return formatIssue(source, found);
  }
  const where = found.span === undefined ? "" : `${found.span.line}:${found.span.column}: `;
  const hint = found.suggestion === undefined ? "" : ` (${found.suggestion})`;
  return `${where}${found.message}${hint}`;
}

/** A progress line on a terminal: drawn over itself (carriage return, erase line). */
export function terminalStatus(stream: {
  write(text: string): unknown;
}): (text: string | undefined) => void {
  return (text) => {
    stream.write(text === undefined ? "\r\x1b[2K" : `\r\x1b[2K${text}`);
  };
}
