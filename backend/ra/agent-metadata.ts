import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Issue, Result } from "../base/index.js";
import { fail, issue, nearest, ok } from "../base/index.js";
import type { AgentDirectories } from "./agent-directories.js";
import { isExecutableFile } from "./agent-directories.js";
import type { AgentSpec } from "./agent-spec.js";
import { formatAgentSpec, pickProvider } from "./agent-spec.js";
import {
  fenceAgentPath,
  lsbTypes,
  ocfAgentPath,
  ocfProvidersOf,
  ocfTypes,
  stonithTypes,
} from "./discovery.js";
import { lsbMetadata } from "./lsb-metadata.js";
import { fencerView } from "./stonith-metadata.js";
import type { AgentMetadata } from "./metadata.js";
import { parseAgentMetadata } from "./metadata.js";
import type { ProgramRun } from "./run-agent.js";
import { runProgram } from "./run-agent.js";

export type AgentLookupCode = "unknown_agent" | "unknown_class" | "metadata_failed";

/** An agent found and described: the spec with its provider resolved, and its meta-data. */
export interface DescribedAgent {
  readonly spec: AgentSpec;
  readonly metadata: AgentMetadata;
}

export interface MetadataRunOptions {
  readonly timeoutMs?: number;
  readonly outputBytesMax?: number;
}

const searchPath = "/usr/sbin:/usr/bin:/sbin:/bin";

/** The environment an agent's meta-data action gets (crmsh names the instance after the type). */
export function metadataEnvironment(ocfRoot: string, spec: AgentSpec): Record<string, string> {
  return {
    PATH: searchPath,
    OCF_ROOT: ocfRoot,
    OCF_RA_VERSION_MAJOR: "1",
    OCF_RA_VERSION_MINOR: "1",
    OCF_RESOURCE_INSTANCE: spec.type,
    OCF_RESOURCE_TYPE: spec.type,
    OCF_RESOURCE_PROVIDER: spec.provider ?? "",
    OCF_EXIT_REASON_PREFIX: "ocf-exit-reason:",
  };
}

function unknownAgent(spec: AgentSpec, candidates: readonly string[]): Issue<AgentLookupCode> {
  const suggestion = nearest(spec.type, candidates);
  const named = formatAgentSpec(spec);
  const withClass = (type: string): string => formatAgentSpec({ ...spec, type });
  return issue(
    "unknown_agent",
    `${named}: got no meta-data, does this RA exist?`,
    suggestion === undefined ? {} : { suggestion: withClass(suggestion) },
  );
}

function fromRun(
  spec: AgentSpec,
  run: ProgramRun,
): Result<DescribedAgent, AgentLookupCode | string> {
  const named = formatAgentSpec(spec);
  const failed = (why: string): Result<DescribedAgent, AgentLookupCode> =>
    fail([issue("metadata_failed", `Cannot read the meta-data of "${named}": ${why}`)]);
  switch (run.kind) {
    case "exited":
      if (run.exitCode !== 0) return failed(`the agent exited with ${String(run.exitCode)}`);
      break;
    case "killed":
      return failed(`the agent was killed by ${run.signal}`);
    case "timed_out":
      return failed(`no answer within ${String(run.timeoutMs)} ms`);
    case "output_too_large":
      return failed(`more than ${String(run.outputBytesMax)} bytes of output`);
    case "spawn_failed":
      return failed(run.message);
  }
  const parsed = parseAgentMetadata(run.stdout);
  if (!parsed.ok) return parsed;
  return ok({ spec, metadata: parsed.value });
}

async function describeOcf(
  directories: AgentDirectories,
  spec: AgentSpec,
  options: MetadataRunOptions,
): Promise<Result<DescribedAgent, string>> {
  const provider = spec.provider ?? pickProvider(ocfProvidersOf(directories, spec.type));
  const resolved: AgentSpec = { ...spec, provider };
  const found = ocfAgentPath(directories, provider, spec.type);
  if (found === undefined) {
    const elsewhere = ocfProvidersOf(directories, spec.type);
    if (elsewhere.length > 0) {
      const suggestion = formatAgentSpec({ ...spec, provider: pickProvider(elsewhere) });
      return fail([{ ...unknownAgent(resolved, []), suggestion }]);
    }
    return fail([unknownAgent(resolved, ocfTypes(directories, provider))]);
  }
  const run = await runProgram(found.path, ["meta-data"], {
    environment: metadataEnvironment(found.ocfRoot, resolved),
    ...options,
  });
  return fromRun(resolved, run);
}

function describeLsb(directories: AgentDirectories, spec: AgentSpec): Result<DescribedAgent> {
  const path = join(directories.lsbDirectory, spec.type);
  if (!isExecutableFile(path)) return fail([unknownAgent(spec, lsbTypes(directories))]);
  try {
    return ok({ spec, metadata: lsbMetadata(spec.type, readFileSync(path, "utf8")) });
  } catch (error) {
    const why = (error as Error).message;
    return fail([issue("metadata_failed", `Cannot read "${path}": ${why}`)]);
  }
}

async function describeStonith(
  directories: AgentDirectories,
  spec: AgentSpec,
  options: MetadataRunOptions,
): Promise<Result<DescribedAgent>> {
  const path = fenceAgentPath(directories, spec.type);
  if (path === undefined) {
    const fenceAgents = (await stonithTypes(directories)).filter((t) => t.startsWith("fence_"));
    return fail([unknownAgent(spec, fenceAgents)]);
  }
  const run = await runProgram(path, ["-o", "metadata"], {
    environment: { PATH: searchPath },
    ...options,
  });
  const described = fromRun(spec, run);
  if (!described.ok) return described;
  return ok({ spec, metadata: fencerView(described.value.metadata) });
}

/**
 * Finds an agent and reads its meta-data: ocf agents run `meta-data` with the OCF
 * environment (bounded in time and output), fence agents `-o metadata`, LSB scripts are
 * described from their INIT INFO header.
 */
export async function describeAgent(
  directories: AgentDirectories,
  spec: AgentSpec,
  options: MetadataRunOptions = {},
): Promise<Result<DescribedAgent>> {
  switch (spec.agentClass) {
    case "ocf":
      return describeOcf(directories, spec, options);
    case "lsb":
    case "service":
      return describeLsb(directories, spec);
    case "stonith":
      return describeStonith(directories, spec, options);
    default: {
      const known = ["ocf", "lsb", "service", "stonith"];
      const suggestion = nearest(spec.agentClass, known);
      const message = `Cannot describe "${formatAgentSpec(spec)}": class "${spec.agentClass}" has no meta-data here`;
      return fail([
        issue("unknown_class", message, suggestion === undefined ? {} : { suggestion }),
      ]);
    }
  }
}

/**
 * The installed providers of an ocf type, for to-cib's `ocfProviders` option (`primitive d
 * Dummy` picks heartbeat, then pacemaker, as crmsh does). Answers are cached per type.
 */
export function installedOcfProviders(
  directories: AgentDirectories,
): (type: string) => readonly string[] {
  const cache = new Map<string, readonly string[]>();
  return (type) => {
    const cached = cache.get(type);
    if (cached !== undefined) return cached;
    const providers = ocfProvidersOf(directories, type);
    cache.set(type, providers);
    return providers;
  };
}
