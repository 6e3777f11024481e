import { Fencer } from "../../../daemons/fencer/index.js";
import type {
  DeviceRun,
  FencerEffect,
  FencerInput,
  FencingConfig,
} from "../../../daemons/fencer/index.js";

/** Decides a device run's outcome: ok, or a failure reason. */
export type DeviceOutcome = (run: DeviceRun, target: string) => true | string;

/** Fencer cores over a perfect agreed-order group; device runs end as `outcome` says. */
export class FencerGroup {
  readonly cores = new Map<number, Fencer>();
  readonly effects: { nodeId: number; effect: FencerEffect }[] = [];
  readonly queue: { sender: number; payload: string }[] = [];
  /** Device runs waiting for `finishRuns()` (when `autoFinish` is off). */
  readonly running: { nodeId: number; opId: string; run: DeviceRun; target: string }[] = [];
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
    const core = new Fencer({ localNodeId: nodeId, nodes, historyMax: 100, incarnation });
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
      for (const member of this.members) this.step(member, { kind: "delivered", ...next });
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

  runs(): string[] {
    return this.effects.flatMap(({ nodeId, effect }) =>
      effect.kind === "run_device" ? [`node${nodeId}:${effect.run.device}:${effect.target}`] : [],
    );
  }

  effectsOf(kind: FencerEffect["kind"], nodeId?: number): FencerEffect[] {
    return this.effects
      .filter(
        (entry) => entry.effect.kind === kind && (nodeId === undefined || entry.nodeId === nodeId),
      )
      .map((entry) => entry.effect);
  }

  #finish(entry: { nodeId: number; opId: string; run: DeviceRun; target: string }): void {
    this.clockMs += 10;
    const result = this.outcome(entry.run, entry.target);
    const input: FencerInput =
      result === true
        ? { kind: "device_finished", opId: entry.opId, ok: true, nowMs: this.clockMs }
        : {
            kind: "device_finished",
            opId: entry.opId,
            ok: false,
            reason: result,
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
      const entry = { nodeId, opId: effect.opId, run: effect.run, target: effect.target };
      if (this.autoFinish) this.#finish(entry);
      else this.running.push(entry);
    }
  }
}
