#!/usr/bin/env node
// Entry of the bundled cluster tools agents call: `main.js TOOL ARGS...` (the scripts in
// daemons/agents/bin pass their own name as TOOL).
import { attrdUpdater } from "./attrd-updater.js";
import { crmAttribute } from "./crm-attribute.js";
import type { ToolOutcome } from "./tool-outcome.js";
import { toolExitCodes } from "./tool-outcome.js";

const tools: Readonly<Record<string, typeof crmAttribute>> = {
  crm_attribute: crmAttribute,
  attrd_updater: attrdUpdater,
};

const [name = "", ...args] = process.argv.slice(2);
const tool = tools[name];
const outcome: ToolOutcome =
  tool === undefined
    ? { exitCode: toolExitCodes.usage, stdout: "", stderr: `Unknown tool "${name}"\n` }
    : await tool(args, process.env);
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
process.exitCode = outcome.exitCode;
