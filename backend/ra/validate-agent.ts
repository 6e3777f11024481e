import type { Result } from "../base/index.js";
import { fail, issue, nearest, ok } from "../base/index.js";
import type { AgentDirectories } from "./agent-directories.js";
import type { MetadataRunOptions } from "./agent-metadata.js";
import { describeAgent, metadataEnvironment } from "./agent-metadata.js";
import type { AgentSpec } from "./agent-spec.js";
import { formatAgentSpec } from "./agent-spec.js";
import { ocfAgentPath } from "./discovery.js";
import { exitReasonOf } from "./exit-codes.js";
import { runProgram } from "./run-agent.js";

export interface Validation {
  readonly spec: AgentSpec;
  readonly exitCode: number;
  readonly exitReason?: string;
  /** The agent's stdout and stderr lines, exit-reason lines left out. */
  readonly output: readonly string[];
}

/** Parameter names the agent's meta-data does not declare. */
function undeclared(names: readonly string[], declared: readonly string[]): string[] {
  return names.filter((name) => !declared.includes(name));
}

/**
 * Runs an ocf agent's `validate-all` with the given parameters as OCF_RESKEY_* (crmsh's
 * `ra validate`). Unknown agents and parameters the meta-data does not declare are issues.
 */
export async function validateAgent(
  directories: AgentDirectories,
  spec: AgentSpec,
  parameters: ReadonlyMap<string, string>,
  options: MetadataRunOptions = {},
): Promise<Result<Validation>> {
  const named = formatAgentSpec(spec);
  if (spec.agentClass !== "ocf") {
    return fail([
      issue("not_ocf", `Cannot validate "${named}": only ocf agents have validate-all`),
    ]);
  }
  const described = await describeAgent(directories, spec, options);
  if (!described.ok) return described;
  const resolved = described.value.spec;
  const { metadata } = described.value;
  const declared = metadata.parameters.map((parameter) => parameter.name);
  const unknown = undeclared([...parameters.keys()], declared);
  const [first] = unknown;
  if (first !== undefined) {
    const list = unknown.map((name) => `"${name}"`).join(", ");
    const message = `Agent "${formatAgentSpec(resolved)}" has no parameter ${list}`;
    const suggestion = nearest(first, declared);
    return fail([
      issue("unknown_parameter", message, suggestion === undefined ? {} : { suggestion }),
    ]);
  }
  const found = ocfAgentPath(directories, resolved.provider ?? "", resolved.type);
  if (found === undefined) return fail([issue("unknown_agent", `${named}: agent is gone`)]);
  const environment = metadataEnvironment(found.ocfRoot, resolved);
  for (const [name, value] of parameters) environment[`OCF_RESKEY_${name}`] = value;
  const run = await runProgram(found.path, ["validate-all"], { environment, ...options });
  if (run.kind !== "exited") {
    return fail([
      issue("validate_failed", `Cannot validate "${named}": the run ended as ${run.kind}`),
    ]);
  }
  const reason = exitReasonOf(run.stderr);
  const output = (run.stdout + run.stderr)
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.includes("ocf-exit-reason:"));
  const validation: Validation = { spec: resolved, exitCode: run.exitCode, output };
  return ok(reason === undefined ? validation : { ...validation, exitReason: reason });
}
