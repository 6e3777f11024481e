import { Attrd, attrdConfig, attrdGroup } from "../../../daemons/attrd/index.js";
import type { AttrdEffect, AttrdInput } from "../../../daemons/attrd/index.js";
import { Prng } from "../../../daemons/kernel/index.js";
import { SimCluster, injectFault, swarmPlan } from "../../../daemons/sim/index.js";
import type { SimEvent } from "../../../daemons/sim/index.js";

const tickMs = 10;

function key(node: string, name: string): string {
  return `${node}\u0000${name}`;
}

/**
 * attrd cores over a SimCluster's attrd group. The CIB's status section is one shared map (the
 * replicated CIB as an oracle): a write applies when the writer's partition is quorate, else
 * it is refused; either way the writer hears of it on the next tick.
 */
export class SimAttrdCluster {
  readonly cluster: SimCluster;
  readonly cores = new Map<number, Attrd>();
  readonly status = new Map<string, string>();
  /** Per attribute: the last value its origin saw acknowledged, and every value it issued. */
  readonly acknowledged = new Map<string, number>();
  readonly #requests = new Map<string, { key: string; value: number }>();
  readonly #completions: { nodeId: number; writeId: number; ok: boolean }[] = [];
  readonly prng: Prng;
  #counter = 0;

  constructor(seed: number, nodeCount: number, faults = swarmPlan(new Prng(seed), 5).network) {
    this.prng = new Prng(seed ^ 0xa77d);
    this.cluster = SimCluster.create({ seed, nodeCount, groups: [attrdGroup], faults, tickMs });
    this.cluster.addChecker({ name: "attrd", observe: (event) => this.#observe(event) });
    for (const nodeId of this.cluster.nodeIds) this.#startCore(nodeId);
  }

  static nodeName(nodeId: number): string {
    return `node${nodeId}`;
  }

  tick(): void {
    for (const entry of this.#completions.splice(0)) {
      this.#step(entry.nodeId, { kind: "write_completed", writeId: entry.writeId, ok: entry.ok });
    }
    for (const nodeId of this.cluster.liveNodeIds) this.#step(nodeId, { kind: "tick" });
    this.cluster.tick();
  }

  /** A node sets one of its own attributes to the next counter value. */
  update(nodeId: number, name: string, dampenMs?: number): void {
    this.#counter += 1;
    const node = SimAttrdCluster.nodeName(nodeId);
    const requestId = `${nodeId}:${this.#counter}`;
    this.#requests.set(requestId, { key: key(node, name), value: this.#counter });
    const dampen = dampenMs === undefined ? {} : { dampenMs };
    const value = String(this.#counter);
    this.#step(nodeId, { kind: "update_requested", requestId, node, name, value, ...dampen });
  }

  /** Every node up in one view, every core holding the same values, the writer settled. */
  converged(): boolean {
    return this.divergence() === undefined;
  }

  /** Why the cluster has not converged yet (undefined once it has). */
  divergence(): string | undefined {
    const nodeIds = this.cluster.nodeIds;
    const views = nodeIds.map((nodeId) => this.cluster.node(nodeId).view?.members.length);
    if (views.some((size) => size !== nodeIds.length)) return "views differ";
    for (const nodeId of nodeIds) {
      const core = this.cores.get(nodeId);
      if (core?.members.length !== nodeIds.length) return `node ${nodeId}: group ${core?.members}`;
      if (!core.settled) return `node ${nodeId}: not settled`;
    }
    const texts = nodeIds.map((nodeId) => JSON.stringify(this.cores.get(nodeId)?.values()));
    if (new Set(texts).size !== 1) return `values differ: ${texts.join(" | ")}`;
    if (this.#completions.length > 0) return "writes in flight";
    if (!this.statusMatchesWriter())
      return `status ${JSON.stringify([...this.status])} differs from ${texts[0]}`;
    return undefined;
  }

  statusMatchesWriter(): boolean {
    const writer = this.cores.get(this.cores.get(1)?.writer ?? 1);
    const held = writer?.values() ?? [];
    const expected = new Map(held.map((entry) => [key(entry.node, entry.name), entry.value]));
    if (expected.size !== this.status.size) return false;
    return [...expected].every(([name, value]) => this.status.get(name) === value);
  }

  /** Attributes whose final value is older than their last acknowledged update. */
  lostUpdates(): string[] {
    const core = this.cores.get(this.cluster.liveNodeIds[0] ?? 1);
    const lost: string[] = [];
    for (const [name, value] of this.acknowledged) {
      const [node = "", attribute = ""] = name.split("\u0000");
      const held = Number(core?.value(node, attribute) ?? "0");
      const written = Number(this.status.get(name) ?? "0");
      if (held < value || written < value) lost.push(`${node} ${attribute}: ${value} → ${held}`);
    }
    return lost;
  }

  /** Swarm: random own-attribute updates and faults, then healing until convergence. */
  runSwarm(ticks: number): number {
    const plan = swarmPlan(new Prng(this.cluster.options.seed), 5);
    for (let index = 0; index < ticks; index += 1) {
      injectFault(this.cluster, this.prng, plan);
      const live = this.cluster.liveNodeIds;
      const origin = live[this.prng.int(live.length)];
      if (origin !== undefined && this.prng.chance(20)) {
        const dampen = this.prng.chance(30) ? 10 * tickMs * (1 + this.prng.int(5)) : undefined;
        this.update(origin, `attr-${this.prng.int(3)}`, dampen);
      }
      this.tick();
    }
    this.cluster.heal();
    for (const nodeId of this.cluster.nodeIds)
      if (!this.cluster.node(nodeId).up) this.cluster.restart(nodeId);
    const start = this.cluster.now;
    while (!this.converged()) {
      if (this.cluster.now - start > 6000)
        throw new Error(`No convergence (${this.divergence()}): ${this.cluster.describe()}`);
      this.tick();
    }
    return this.cluster.now - start;
  }

  #startCore(nodeId: number): void {
    const nodes = this.cluster.nodeIds.map((id) => ({
      nodeId: id,
      name: SimAttrdCluster.nodeName(id),
    }));
    this.cores.set(nodeId, new Attrd(attrdConfig(nodeId, nodes, tickMs)));
  }

  #observe(event: SimEvent): string | undefined {
    switch (event.kind) {
      case "group_changed":
        if (event.group !== attrdGroup) return undefined;
        this.#step(event.nodeId, {
          kind: "group_changed",
          members: event.members,
          joined: event.joined.map((entry) => entry.nodeId),
          left: event.left.map((entry) => entry.nodeId),
        });
        return undefined;
      case "delivered":
        if (event.group !== attrdGroup) return undefined;
        this.#step(event.nodeId, {
          kind: "delivered",
          sender: event.sender,
          payload: event.payload,
        });
        return undefined;
      case "crashed":
        this.#forgetAcknowledged(SimAttrdCluster.nodeName(event.nodeId));
        this.#startCore(event.nodeId);
        for (const entry of this.#completions) if (entry.nodeId === event.nodeId) entry.ok = false;
        return undefined;
      default:
        return undefined;
    }
  }

  /** A node that restarts comes back without its transient attributes (lifetime reboot). */
  #forgetAcknowledged(node: string): void {
    for (const name of [...this.acknowledged.keys()])
      if (name.startsWith(`${node}\u0000`)) this.acknowledged.delete(name);
  }

  #step(nodeId: number, input: AttrdInput): void {
    const core = this.cores.get(nodeId);
    if (core === undefined || !this.cluster.node(nodeId).up) return;
    core.step(input);
    for (const effect of core.drain()) this.#perform(nodeId, effect);
  }

  #perform(nodeId: number, effect: AttrdEffect): void {
    const quorate = this.cluster.node(nodeId).quorate;
    switch (effect.kind) {
      case "broadcast":
        this.cluster.broadcast(nodeId, attrdGroup, effect.payload);
        return;
      case "reply": {
        const request = this.#requests.get(effect.requestId);
        this.#requests.delete(effect.requestId);
        if (request !== undefined && effect.reply.ok) {
          const known = this.acknowledged.get(request.key) ?? 0;
          this.acknowledged.set(request.key, Math.max(known, request.value));
        }
        return;
      }
      case "write":
        if (quorate) {
          for (const entry of effect.values) {
            if (entry.value === null) this.status.delete(key(entry.node, entry.name));
            else this.status.set(key(entry.node, entry.name), entry.value);
          }
        }
        this.#completions.push({ nodeId, writeId: effect.writeId, ok: quorate });
        return;
      case "clear_node":
        if (quorate) {
          for (const name of [...this.status.keys()])
            if (name.startsWith(`${effect.node}\u0000`)) this.status.delete(name);
        }
        this.#completions.push({ nodeId, writeId: effect.writeId, ok: quorate });
        return;
      default:
        return;
    }
  }
}
