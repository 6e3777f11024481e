import type { DeviceResult, DeviceRun, FencingConfig } from "../fencer/index.js";
import { emptyFencingConfig } from "../fencer/index.js";
import type { Prng } from "../kernel/index.js";

/** The meta-data of `fence_sim`: off, reboot, list, status and monitor, the target as `port`. */
export const simAgentMetadata = [
  '<?xml version="1.0" ?>',
  '<resource-agent name="fence_sim" shortdesc="Simulated fence agent">',
  "<parameters>",
  '  <parameter name="port" unique="0" required="0"><content type="string"/></parameter>',
  "</parameters>",
  "<actions>",
  '  <action name="on" automatic="0"/><action name="off"/><action name="reboot"/>',
  '  <action name="status"/><action name="list"/><action name="monitor"/>',
  '  <action name="metadata"/>',
  "</actions>",
  "</resource-agent>",
].join("\n");

/**
 * The devices every simulated node has: `st-flaky` (dynamic-list, its list leaves one node
 * out; its off fails or times out now and then; a random delay of up to 1 s; 2 tries) and
 * `st` (static list of every node, always works), each a level of its own.
 */
export function simFencingConfig(nodeNames: readonly string[]): FencingConfig {
  return {
    ...emptyFencingConfig,
    stonithTimeoutMs: 400,
    devices: [
      {
        id: "st-flaky",
        agent: "fence_sim",
        params: { pcmk_delay_max: "1s", pcmk_off_retries: "2", pcmk_list_timeout: "200ms" },
      },
      { id: "st", agent: "fence_sim", params: { pcmk_host_list: nodeNames.join(",") } },
    ],
  };
}

/** What a simulated agent run answers, and how long it takes (ms). */
export interface SimAgentAnswer {
  readonly result: DeviceResult;
  readonly durationMs: number;
}

function done(rc: number, output: string, durationMs: number): SimAgentAnswer {
  const reason = rc === 0 ? {} : { reason: `exit code ${rc}` };
  return { result: { status: "done", rc, output, elapsedMs: durationMs, ...reason }, durationMs };
}

/**
 * `fence_sim`, the simulated fence agent behind both devices: what a run of `run` against
 * `target` answers. `st-flaky` lists every node but the last, and its off fails 1 time in 5
 * and times out 1 time in 10 (taking its whole timeout).
 */
export function simAgentRun(
  run: DeviceRun,
  target: string | undefined,
  options: { readonly nodeNames: readonly string[]; readonly prng: Prng },
): SimAgentAnswer {
  const { nodeNames, prng } = options;
  const flaky = run.device === "st-flaky";
  switch (run.agentAction) {
    case "metadata":
      return done(0, simAgentMetadata, 10);
    case "list":
      return done(0, (flaky ? nodeNames.slice(0, -1) : nodeNames).join("\n"), 20);
    case "status":
    case "monitor":
      return done(target === undefined || nodeNames.includes(target) ? 0 : 1, "", 10);
    default: {
      if (!flaky) return done(0, "Success: Powered OFF", 50);
      if (prng.chance(10)) {
        const elapsedMs = run.timeoutMs;
        const result: DeviceResult = { status: "timeout", rc: 1, output: "", elapsedMs };
        return { result, durationMs: elapsedMs };
      }
      return prng.chance(20) ? done(1, "", 50) : done(0, "Success: Powered OFF", 50);
    }
  }
}
