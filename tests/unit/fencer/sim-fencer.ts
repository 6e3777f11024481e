import { Fencer, emptyFencingConfig, fencerGroup } from "../../../daemons/fencer/index.js";
import type { FencerEffect, FencerInput } from "../../../daemons/fencer/index.js";
import { Prng } from "../../../daemons/kernel/index.js";
import { SimCluster, injectFault, swarmPlan } from "../../../daemons/sim/index.js";
import type { SimEvent } from "../../../daemons/sim/index.js";

const fencing = {
  ...emptyFencingConfig,
  devices: [{ id: "st", agent: "fence_sim", params: {} }],
};

/**
 * Fencer cores over a SimCluster's stonith-ng group, with a simulated executor: a device run
 * ends `runTicks` later on its node (unless that node crashed). Records what the checks need.
 */
export class SimFencerCluster {
  readonly cluster: SimCluster;
  readonly cores = new Map<number, Fencer>();
  /** Requests still waiting for their reply, by request id, with their origin. */
  readonly waiting = new Map<string, number>();
  readonly answered: string[] = [];
  /** Device runs on a node that had another member able to run them against its own node. */
  readonly selfFencing: string[] = [];
  readonly #runs: { nodeId: number; opId: string; dueTick: number }[] = [];
  readonly #prng: Prng;
  #counter = 0;
  #incarnation = 0;

  constructor(seed: number, nodeCount: number) {
    this.#prng = new Prng(seed ^ 0xfe4c);
    const faults = swarmPlan(new Prng(seed), 5).network;
    this.cluster = SimCluster.create({
      seed,
      nodeCount,
      groups: [fencerGroup],
      faults,
      tickMs: 10,
    });
    this.cluster.addChecker({ name: "fencer", observe: (event) => this.#observe(event) });
    for (const nodeId of this.cluster.nodeIds) this.#startCore(nodeId);
  }

  tick(): void {
    const due = this.#runs.filter((run) => run.dueTick <= this.cluster.now);
    for (const run of due) {
      this.#runs.splice(this.#runs.indexOf(run), 1);
      const input: FencerInput = {
        kind: "device_finished",
        opId: run.opId,
        ok: true,
        nowMs: this.cluster.now,
      };
      this.#step(run.nodeId, input);
    }
    this.cluster.tick();
  }

  fence(origin: number, target: number): void {
    this.#counter += 1;
    const requestId = `r${this.#counter}`;
    this.waiting.set(requestId, origin);
    this.#step(origin, {
      kind: "fence_requested",
      requestId,
      target: `node${target}`,
      action: "off",
      client: "sim",
    });
  }

  runSwarm(ticks: number): void {
    const plan = swarmPlan(new Prng(this.cluster.options.seed), 5);
    for (let index = 0; index < ticks; index += 1) {
      injectFault(this.cluster, this.#prng, plan);
      const live = this.cluster.liveNodeIds;
      const origin = live[this.#prng.int(live.length)];
      const target = this.cluster.nodeIds[this.#prng.int(this.cluster.nodeIds.length)];
      if (origin !== undefined && target !== undefined && this.#prng.chance(3))
        this.fence(origin, target);
      this.tick();
    }
    this.cluster.heal();
    for (const nodeId of this.cluster.nodeIds)
      if (!this.cluster.node(nodeId).up) this.cluster.restart(nodeId);
    for (let tick = 0; tick < 6000 && !this.settled(); tick += 1) this.tick();
  }

  /** One view, no request waiting, every node's history of the same completed operations. */
  settled(): boolean {
    const size = this.cluster.nodeIds.length;
    if (this.cluster.nodeIds.some((id) => this.cluster.node(id).view?.members.length !== size))
      return false;
    if (this.waiting.size > 0) return false;
    const histories = this.cluster.nodeIds.map((id) => this.historyKey(id));
    return new Set(histories).size === 1;
  }

  historyKey(nodeId: number): string {
    // Completed operations only: a member may keep a pending one nobody else knows (a request
    // sent before a merge and delivered after it), a known limit of this fencer.
    const events = (this.cores.get(nodeId)?.history() ?? []).filter(
      (event) => event.state !== "pending",
    );
    return events
      .map((event) => `${event.target}:${event.state}:${event.delegate ?? ""}`)
      .sort()
      .join(",");
  }

  #startCore(nodeId: number): void {
    const nodes = this.cluster.nodeIds.map((id) => ({ nodeId: id, name: `node${id}` }));
    this.#incarnation += 1;
    const incarnation = this.#incarnation;
    const core = new Fencer({ localNodeId: nodeId, nodes, historyMax: 1000, incarnation });
    core.step({ kind: "config_changed", config: fencing });
    this.cores.set(nodeId, core);
  }

  #observe(event: SimEvent): string | undefined {
    if (event.kind === "group_changed" && event.group === fencerGroup) {
      const joined = event.joined.map((entry) => entry.nodeId);
      this.#step(event.nodeId, { kind: "group_changed", members: event.members, joined });
    } else if (event.kind === "delivered" && event.group === fencerGroup) {
      this.#step(event.nodeId, { kind: "delivered", sender: event.sender, payload: event.payload });
    } else if (event.kind === "crashed") {
      this.#startCore(event.nodeId);
      for (const [requestId, origin] of this.waiting)
        if (origin === event.nodeId) this.waiting.delete(requestId);
      for (const run of [...this.#runs])
        if (run.nodeId === event.nodeId) this.#runs.splice(this.#runs.indexOf(run), 1);
    }
    return undefined;
  }

  #step(nodeId: number, input: FencerInput): void {
    const core = this.cores.get(nodeId);
    if (core === undefined || !this.cluster.node(nodeId).up) return;
    core.step(input);
    for (const effect of core.drain()) this.#perform(nodeId, effect);
  }

  #perform(nodeId: number, effect: FencerEffect): void {
    switch (effect.kind) {
      case "broadcast":
        this.cluster.broadcast(nodeId, fencerGroup, effect.payload);
        return;
      case "run_device": {
        const view = this.cluster.node(nodeId).view?.members ?? [];
        if (effect.target === `node${nodeId}` && view.length > 1)
          this.selfFencing.push(
            `node${nodeId} ran ${effect.run.device} on itself in {${view.join(",")}}`,
          );
        this.#runs.push({ nodeId, opId: effect.opId, dueTick: this.cluster.now + 5 });
        return;
      }
      case "reply":
        this.waiting.delete(effect.requestId);
        this.answered.push(effect.requestId);
        return;
      default:
        return;
    }
  }
}
