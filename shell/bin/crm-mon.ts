#!/usr/bin/env node
// crm_mon: cluster status in Pacemaker's layout. The work is done by runCrmMon(); this file
// only reads the CIB file, writes the output and sets the exit code.
import { exitQuietlyOnClosedPipe } from "../closed-pipe.js";
import { readFileSync } from "node:fs";
import { runCrmMon } from "../monitor/index.js";

exitQuietlyOnClosedPipe();

const outcome = runCrmMon(process.argv.slice(2), {
  cibFile: process.env["CIB_file"],
  readFile: (path) => {
    try {
      return { ok: true, value: readFileSync(path, "utf8") };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return {
        ok: false,
        message: `Cannot read ${path}: ${code === "ENOENT" ? "no such file" : String(error)}`,
      };
    }
  },
  wallClock: () => Math.floor(Date.now() / 1000),
});
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
process.exitCode = outcome.exitCode;
