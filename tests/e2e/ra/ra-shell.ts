import { commandTree } from "../../../shell/commands/registry.js";
import { ShellContext } from "../../../shell/context.js";
import { StreamOutput } from "../../../shell/output.js";
import { Shell } from "../../../shell/shell.js";

export interface LineRun {
  readonly succeeded: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one crm line (`ra info Dummy`) in-process through the real shell and command tree. */
export async function runCrmLine(
  line: string,
  environment: Readonly<Record<string, string | undefined>> = {},
): Promise<LineRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output = new StreamOutput(
    { write: (text: string) => stdout.push(text) },
    { write: (text: string) => stderr.push(text) },
  );
  const options = { force: false, wait: false, interactive: false, batch: false };
  const context = new ShellContext(output, options, environment, {
    ask: () => Promise.resolve(""),
  });
  const succeeded = await new Shell(commandTree(), context).runLine(line);
  return { succeeded, stdout: stdout.join(""), stderr: stderr.join("") };
}
