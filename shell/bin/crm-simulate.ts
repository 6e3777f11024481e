#!/usr/bin/env node
// crm_simulate: the scheduler on a CIB file (Pacemaker 2.1's options and output). The work is
// done by runSimulate(); this file only reads input, writes the output files and exits.
import { exitQuietlyOnClosedPipe } from "../closed-pipe.js";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Result } from "../../backend/base/index.js";
import { fail, issue, ok } from "../../backend/base/index.js";
import { scheduleWithQuorate } from "../simulate/quorate-scheduler.js";
import type { OutputFile } from "../simulate/run.js";
import { exitCodes, runSimulate } from "../simulate/run.js";

exitQuietlyOnClosedPipe();

function readText(path: string | number, name: string): Result<string> {
  try {
    return ok(readFileSync(path, "utf8"));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error);
    return fail([issue("unreadable_input", `Cannot read ${name}: ${reason}`)]);
  }
}

/** Writes each file beside its target first, then renames it into place. */
function writeFiles(files: readonly OutputFile[]): string | undefined {
  for (const file of files) {
    const temporary = join(dirname(file.path), `.${basename(file.path)}.${process.pid}.tmp`);
    try {
      writeFileSync(temporary, file.text);
      renameSync(temporary, file.path);
    } catch (error) {
      return `Could not write ${file.path}: ${(error as Error).message}`;
    }
  }
  return undefined;
}

const outcome = runSimulate(
  process.argv.slice(2),
  {
    readFile: (path) => readText(path, path),
    readStdin: () =>
      process.stdin.isTTY === true
        ? fail([issue("no_input", "No CIB to read: give one with -x FILE, or pipe it in with -p")])
        : readText(0, "standard input"),
    wallClock: () => Math.floor(Date.now() / 1000),
  },
  scheduleWithQuorate,
);
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
const writeError = writeFiles(outcome.files);
if (writeError !== undefined) {
  process.stderr.write(`crm_simulate: ${writeError}\n`);
  process.exitCode = exitCodes.error;
} else {
  process.exitCode = outcome.exitCode;
}
