import { Fencer } from "../../../daemons/fencer/index.js";
import type {
  DeviceResult,
  DeviceRun,
  FencerEffect,
  FencerInput,
  FencingConfig,
} from "../../../daemons/fencer/index.js";
import { Prng } from "../../../daemons/kernel/index.js";
import { simAgentMetadata } from "../../../daemons/sim/index.js";

/** Decides a fencing run's outcome: ok, a failure reason, or the whole result. */
export type DeviceOutcome = (
  run: DeviceRun,
  target: string | undefined,
) => true | string | DeviceResult;

const fencingActions = new Set(["off", "reboot", "on"]);

/** What the agent answers to meta-data, list (every node) and status (on) by default. */
function discoveryAnswer(run: DeviceRun, nodeNames: readonly string[]): DeviceResult | undefined {
  const answer = (output: string): DeviceResult => ({
    status: "done",
    rc: 0,
    output,
    elapsedMs: 5,
  });
  if (run.agentAction === "metadata") return answer(simAgentMetadata);
  if (run.agentAction === "list") return answer(nodeNames.join("\n"));
  if (run.agentAction === "status") return answer("Status: ON");
  return undefined;
}

function resultOf(outcome: true | string | DeviceResult): DeviceResult {
  if (outcome === true) return { status: "done", rc: 0, output: "", elapsedMs: 10 };
  if (typeof outcome === "string")
    return { status: "done", rc: 1, output: "", reason: outcome, elapsedMs: 10 };
  return outcome;
}

interface GroupRun {
  readonly nodeId: number;
  readonly runId: number;
  readonly run: DeviceRun;
  readonly target: string | undefined;
  readonly delayMs: number;
}

/** Fencer cores over a perfect agreed-order group; device runs end as `outcome` says. */
export class FencerGroup {
  readonly cores = new Map<number, Fencer>();
  readonly effects: { nodeId: number; effect: FencerEffect }[] = [];
  readonly queue: { sender: number; payload: string }[] = [];
  /** Device runs waiting for `finishRuns()` (when `autoFinish` is off). */
  readonly running: GroupRun[] = [];
  members: number[] = [];
  #incarnation = 0;
  autoFinish = true;
  clockMs = 1_000;

  constructor(
    readonly nodeIds: readonly number[],
    readonly fencing: FencingConfig,
    public outcome: DeviceOutcome = () => true,
  ) {
    for (const nodeId of nodeIds) this.#create(nodeId);
  }

  #create(nodeId: number): void {
    const nodes = this.nodeIds.map((id) => ({ nodeId: id, name: `node${id}` }));
    this.#incarnation += 1;
    const incarnation = this.#incarnation;
    const config = { localNodeId: nodeId, nodes, historyMax: 100, incarnation };
    const core = new Fencer(config, new Prng(nodeId));
    this.cores.set(nodeId, core);
    core.step({ kind: "config_changed", config: this.fencing });
  }

  core(nodeId: number): Fencer {
    const core = this.cores.get(nodeId);
    if (core === undefined) throw new Error(`no core ${nodeId}`);
    return core;
  }

  step(nodeId: number, input: FencerInput): void {
    const core = this.core(nodeId);
    core.step(input);
    for (const effect of core.drain()) this.#perform(nodeId, effect);
  }

  changeGroup(members: number[]): void {
    const joined = members.filter((nodeId) => !this.members.includes(nodeId));
    this.members = members;
    for (const nodeId of members) this.step(nodeId, { kind: "group_changed", members, joined });
  }

  crash(nodeId: number): void {
    this.#create(nodeId);
    this.queue.splice(
      0,
      this.queue.length,
      ...this.queue.filter((entry) => entry.sender !== nodeId),
    );
    const still = this.running.filter((entry) => entry.nodeId !== nodeId);
    this.running.splice(0, this.running.length, ...still);
    this.changeGroup(this.members.filter((member) => member !== nodeId));
  }

  fence(
    nodeId: number,
    requestId: string,
    target: string,
    action: "off" | "reboot" = "reboot",
  ): void {
    this.step(nodeId, { kind: "fence_requested", requestId, target, action, client: "test" });
  }

  deliver(): void {
    for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
      for (const member of this.members)
        this.step(member, { kind: "delivered", ...next, nowMs: this.clockMs });
    }
  }

  /** Ends the waiting device runs, then delivers what they caused. */
  finishRuns(): void {
    while (this.running.length > 0) {
      const entry = this.running.shift();
      if (entry !== undefined) this.#finish(entry);
      this.deliver();
    }
  }

  /** Fencing runs (off, reboot, on) as `node<id>:<device>:<target>`. */
  runs(): string[] {
    return this.allRuns()
      .filter((run) => fencingActions.has(run.run.agentAction))
      .map((run) => `node${run.nodeId}:${run.run.device}:${run.target ?? ""}`);
  }

  /** Every agent run asked for (discovery included), in order. */
  allRuns(): GroupRun[] {
    return this.effects.flatMap(({ nodeId, effect }) =>
      effect.kind === "run_device"
        ? [
            {
              nodeId,
              runId: effect.runId,
              run: effect.run,
              target: effect.target,
              delayMs: effect.delayMs,
            },
          ]
        : [],
    );
  }

  effectsOf(kind: FencerEffect["kind"], nodeId?: number): FencerEffect[] {
    return this.effects
      .filter(
        (entry) => entry.effect.kind === kind && (nodeId === undefined || entry.nodeId === nodeId),
      )
      .map((entry) => entry.effect);
  }

  #finish(entry: GroupRun): void {
    this.clockMs += 10;
    const names = this.nodeIds.map((id) => `node${id}`);
    const discovered = fencingActions.has(entry.run.agentAction)
      ? undefined
      : discoveryAnswer(entry.run, names);
    const result = discovered ?? resultOf(this.outcome(entry.run, entry.target));
    const input: FencerInput = {
      kind: "device_finished",
      runId: entry.runId,
      result,
      nowMs: this.clockMs,
    };
    if (this.members.includes(entry.nodeId)) this.step(entry.nodeId, input);
  }

  #perform(nodeId: number, effect: FencerEffect): void {
    this.effects.push({ nodeId, effect });
    if (effect.kind === "broadcast") {
      if (this.members.includes(nodeId))
        this.queue.push({ sender: nodeId, payload: effect.payload });
    } else if (effect.kind === "run_device") {
      const { runId, run, target, delayMs } = effect;
      const entry = { nodeId, runId, run, target, delayMs };
      // Discovery runs (meta-data, list, status) always answer at once.
      if (this.autoFinish || !fencingActions.has(run.agentAction)) this.#finish(entry);
      else this.running.push(entry);
    }
  }
}
