#!/usr/bin/env node
// crm: the cluster shell. Start-up stays small: options are read here, and the shell (grammar,
// backend) is imported only when a command runs. Ink is never loaded on these paths.
import { exitQuietlyOnClosedPipe } from "../closed-pipe.js";
import { parseArguments, usageText } from "../arguments.js";
import { opensReplAtRoot, paintEarlyPrompt } from "../early-prompt.js";
import { quorateVersion } from "../../backend/base/index.js";

exitQuietlyOnClosedPipe();

async function run(): Promise<number> {
  if (process.argv[2] === "--complete") {
    const { runCompletion } = await import("../complete-command.js");
    return runCompletion(process.argv.slice(2), process.env);
  }
  const parsed = parseArguments(process.argv.slice(2));
  if ("code" in parsed) {
    process.stderr.write(`ERROR: ${parsed.message}\n${usageText}\n`);
    return 2;
  }
  if (parsed.version) {
    process.stdout.write(`crm ${quorateVersion} (quorate)\n`);
    return 0;
  }
  if (parsed.help) {
    process.stdout.write(`${usageText}\n`);
    return 0;
  }
  const words = parsed.words;
  if (opensReplAtRoot({ words, file: parsed.file, environment: process.env })) {
    paintEarlyPrompt(process.env); // the shell loads behind it (~0.2 s of CPU)
  }
  const { main } = await import("../main.js");
  return main(parsed, { environment: process.env, stdinIsTerminal: process.stdin.isTTY });
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `crm: internal error (please report): ${String(error instanceof Error ? error.stack : error)}\n`,
    );
    process.exitCode = 70;
  },
);
