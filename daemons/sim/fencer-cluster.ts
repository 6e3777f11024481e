import { Fencer, fencerGroup } from "../fencer/index.js";
import type { FencerEffect, FencerInput, FencingConfig } from "../fencer/index.js";
import { Prng } from "../kernel/index.js";
import type { NodeId } from "../kernel/index.js";
import { SimCluster } from "./cluster.js";
import type { SimEvent } from "./events.js";
import { injectFault, swarmPlan } from "./faults.js";
import { simAgentRun, simFencingConfig } from "./fencer-agent.js";
import type { SimAgentAnswer } from "./fencer-agent.js";

const tickMs = 10;

/** An agent run in progress on a node: its answer arrives at `dueTick`. */
interface SimRun {
  readonly nodeId: NodeId;
  readonly runId: number;
  readonly dueTick: number;
  readonly answer: SimAgentAnswer;
}

/**
 * Fencer cores over a SimCluster's stonith-ng group, each with the simulated agent
 * `fence_sim` behind its devices (simFencingConfig): runs end after their delay and duration
 * unless their node crashed or its fencer cancelled them. Records what the checks need:
 * requests still waiting, answers, a node fencing itself while its stonith-ng group had a
 * peer, and a device used on a target beyond its reach.
 */
export class SimFencerCluster {
  readonly cluster: SimCluster;
  readonly cores = new Map<NodeId, Fencer>();
  /** Requests still waiting for their reply, by request id, with their origin. */
  readonly waiting = new Map<string, NodeId>();
  readonly answered: string[] = [];
  readonly violations: string[] = [];
  /** Agent runs by action (metadata, list, status, off). */
  readonly runCounts = new Map<string, number>();
  readonly fencing: FencingConfig;
  readonly #nodeNames: string[];
  readonly #runs: SimRun[] = [];
  readonly #prng: Prng;
  /** Operations each node has seen end (a result or a history entry delivered to it). */
  readonly #ended = new Map<NodeId, Set<string>>();
  /** Each node's stonith-ng members, as its fencer was last told. */
  readonly #groupMembers = new Map<NodeId, readonly NodeId[]>();
  #counter = 0;
  #incarnation = 0;

  constructor(
    readonly seed: number,
    nodeCount: number,
  ) {
    this.#prng = new Prng(seed ^ 0xfe4c);
    this.cluster = SimCluster.create({
      seed,
      nodeCount,
      groups: [fencerGroup],
      faults: swarmPlan(new Prng(seed), 5).network,
      tickMs,
    });
    this.#nodeNames = this.cluster.nodeIds.map((id) => `node${id}`);
    this.fencing = simFencingConfig(this.#nodeNames);
    this.cluster.addChecker({ name: "fencer", observe: (event) => this.#observe(event) });
    for (const nodeId of this.cluster.nodeIds) this.#startCore(nodeId);
  }

  get nowMs(): number {
    return this.cluster.now * tickMs;
  }

  tick(): void {
    const due = this.#runs.filter((run) => run.dueTick <= this.cluster.now);
    for (const run of due) {
      this.#runs.splice(this.#runs.indexOf(run), 1);
      const { runId, answer } = run;
      const input: FencerInput = {
        kind: "device_finished",
        runId,
        result: answer.result,
        nowMs: this.nowMs,
      };
      this.#step(run.nodeId, input);
    }
    this.cluster.tick();
  }

  fence(origin: NodeId, target: NodeId): void {
    this.#counter += 1;
    const requestId = `r${this.#counter}`;
    this.waiting.set(requestId, origin);
    this.#step(origin, {
      kind: "fence_requested",
      requestId,
      target: `node${target}`,
      action: this.#prng.chance(50) ? "off" : "reboot",
      client: "sim",
    });
  }

  /** Swarm faults and random requests for `ticks`, then heal, restart all, and settle. */
  runSwarm(ticks: number, settleTicksMax = 6_000): void {
    const plan = swarmPlan(new Prng(this.seed), 5);
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
    for (let tick = 0; tick < settleTicksMax && !this.settled(); tick += 1) this.tick();
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

  /** A node's completed operations (a pending one may be a late copy only some ran yet). */
  historyKey(nodeId: NodeId): string {
    const events = (this.cores.get(nodeId)?.history() ?? []).filter(
      (event) => event.state !== "pending",
    );
    return events
      .map((event) => `${event.target}:${event.state}:${event.delegate ?? ""}`)
      .sort()
      .join(",");
  }

  #startCore(nodeId: NodeId): void {
    const nodes = this.cluster.nodeIds.map((id) => ({ nodeId: id, name: `node${id}` }));
    this.#incarnation += 1;
    const config = { localNodeId: nodeId, nodes, historyMax: 1000, incarnation: this.#incarnation };
    const core = new Fencer(config, this.#prng.fork());
    core.step({ kind: "config_changed", config: this.fencing });
    this.cores.set(nodeId, core);
  }

  #observe(event: SimEvent): string | undefined {
    if (event.kind === "group_changed" && event.group === fencerGroup) {
      const joined = event.joined.map((entry) => entry.nodeId);
      this.#groupMembers.set(event.nodeId, event.members);
      this.#step(event.nodeId, { kind: "group_changed", members: event.members, joined });
    } else if (event.kind === "delivered" && event.group === fencerGroup) {
      const { sender, payload } = event;
      this.#noteEnded(event.nodeId, payload);
      this.#step(event.nodeId, { kind: "delivered", sender, payload, nowMs: this.nowMs });
    } else if (event.kind === "crashed") {
      this.#startCore(event.nodeId);
      this.#groupMembers.delete(event.nodeId);
      this.#ended.delete(event.nodeId);
      for (const [requestId, origin] of this.waiting)
        if (origin === event.nodeId) this.waiting.delete(requestId);
      for (const run of [...this.#runs])
        if (run.nodeId === event.nodeId) this.#runs.splice(this.#runs.indexOf(run), 1);
    }
    return undefined;
  }

  #noteEnded(nodeId: NodeId, payload: string): void {
    const message = JSON.parse(payload) as { kind: string; opId?: string; entries?: { opId: string }[] };
    const ended = this.#ended.get(nodeId) ?? new Set<string>();
    this.#ended.set(nodeId, ended);
    if (message.kind === "result" && message.opId !== undefined) ended.add(message.opId);
    for (const entry of message.entries ?? []) ended.add(entry.opId);
  }

  #step(nodeId: NodeId, input: FencerInput): void {
    const core = this.cores.get(nodeId);
    if (core === undefined || !this.cluster.node(nodeId).up) return;
    core.step(input);
    for (const effect of core.drain()) this.#perform(nodeId, effect);
  }

  #perform(nodeId: NodeId, effect: FencerEffect): void {
    switch (effect.kind) {
      case "broadcast":
        this.cluster.broadcast(nodeId, fencerGroup, effect.payload);
        return;
      case "run_device":
        return this.#runDevice(nodeId, effect);
      case "cancel_run": {
        const run = this.#runs.find((entry) => entry.runId === effect.runId);
        if (run?.nodeId === nodeId) this.#runs.splice(this.#runs.indexOf(run), 1);
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

  #runDevice(nodeId: NodeId, effect: Extract<FencerEffect, { kind: "run_device" }>): void {
    const { run, target, runId, delayMs } = effect;
    const action = run.agentAction;
    this.runCounts.set(action, (this.runCounts.get(action) ?? 0) + 1);
    const fencing = action === "off" || action === "reboot";
    const group = this.#groupMembers.get(nodeId) ?? [];
    if (fencing && target === `node${nodeId}` && group.length > 1)
      this.violations.push(`node${nodeId} ran ${run.device} on itself in {${group.join(",")}}`);
    if (fencing && run.device === "st-flaky" && target === this.#nodeNames.at(-1))
      this.violations.push(`node${nodeId} ran st-flaky on ${target}, which its list leaves out`);
    if (fencing && this.#ended.get(nodeId)?.has(effect.opId) === true)
      this.violations.push(`node${nodeId} ran ${run.device} for ${effect.opId}, which had ended`);
    const answer = simAgentRun(run, target, { nodeNames: this.#nodeNames, prng: this.#prng });
    const dueTick = this.cluster.now + Math.ceil((delayMs + answer.durationMs) / tickMs);
    this.#runs.push({ nodeId, runId, dueTick, answer });
  }
}
