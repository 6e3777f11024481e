import { assert } from "../../backend/base/index.js";
import { Prng, sortedNodeIds, type NodeId } from "../kernel/index.js";
import {
  totemDefaults,
  type Effect,
  type Input,
  type Message,
  type TotemTiming,
} from "../membership/index.js";
import type { QuorumEffect, QuorumSection } from "../quorum/index.js";
import type { Checker } from "./checkers.js";
import type { SimEvent } from "./events.js";
import { SimReachability, type ReachabilityFaults } from "./membership-reachability.js";
import { SimNetwork, perfectNetwork, type NetworkFaults, type PartitionMode } from "./network.js";
import { SimNode, quorumGroup } from "./sim-node.js";

export interface SimClusterOptions {
  readonly seed: number;
  readonly nodeCount: number;
  /** corosync nodeids; default 1..nodeCount. */
  readonly nodeIds?: readonly NodeId[];
  readonly faults?: NetworkFaults;
  readonly tickMs?: number;
  readonly timing?: TotemTiming;
  readonly quorum?: QuorumSection;
  readonly groups?: readonly string[];
  /** Chance per tick that one live node broadcasts to the first group. */
  readonly broadcastPercent?: number;
  /** Keep every event (transcripts); otherwise only the current tick's. */
  readonly keepEvents?: boolean;
  /** Transports report crashed (and sometimes live) peers unreachable; off when unset. */
  readonly reachability?: ReachabilityFaults;
}

export class SimViolation extends Error {
  override readonly name = "SimViolation";
}

/** N membership + quorum cores over a SimNetwork, on one virtual clock. */
export class SimCluster {
  now = 0;
  readonly nodes: ReadonlyMap<NodeId, SimNode>;
  readonly network: SimNetwork<Message>;
  readonly events: SimEvent[] = [];
  readonly tickEvents: SimEvent[] = [];
  readonly #workload: Prng;
  readonly #checkers: Checker[] = [];
  readonly reachability: SimReachability | undefined;

  private constructor(readonly options: SimClusterOptions) {
    const prng = new Prng(options.seed);
    this.network = new SimNetwork(prng.fork(), options.faults ?? perfectNetwork);
    this.#workload = prng.fork();
    // Forked last, so clusters without reachability reports draw exactly as before.
    this.reachability =
      options.reachability === undefined
        ? undefined
        : new SimReachability(prng.fork(), options.reachability);
    const nodeIds = sortedNodeIds(
      options.nodeIds ?? Array.from({ length: options.nodeCount }, (_, index) => index + 1),
    );
    assert(nodeIds.length === options.nodeCount, "nodeIds has nodeCount entries");
    const nodeOptions = {
      nodeIds,
      tickMs: options.tickMs ?? 10,
      timing: options.timing ?? totemDefaults,
      quorum: options.quorum ?? {},
      groups: options.groups ?? ["cib", "controller", "attrd", "fencer"],
    };
    this.nodes = new Map(nodeIds.map((nodeId) => [nodeId, new SimNode(nodeId, nodeOptions)]));
  }

  static create(options: SimClusterOptions): SimCluster {
    const cluster = new SimCluster(options);
    for (const node of cluster.nodes.values()) cluster.#start(node);
    return cluster;
  }

  get nodeIds(): NodeId[] {
    return [...this.nodes.keys()];
  }

  get liveNodeIds(): NodeId[] {
    return [...this.nodes.values()].filter((node) => node.up).map((node) => node.nodeId);
  }

  node(nodeId: NodeId): SimNode {
    const node = this.nodes.get(nodeId);
    assert(node !== undefined, `node ${nodeId} exists`);
    return node;
  }

  addChecker(checker: Checker): void {
    this.#checkers.push(checker);
  }

  /** How to rerun this cluster alone. */
  get replayCommand(): string {
    return `SIM_SEED=${this.options.seed} npm run sim`;
  }

  runTicks(count: number): void {
    for (let index = 0; index < count; index += 1) this.tick();
  }

  /** Runs until `done` holds; fails the seed after `ticksMax`. Returns the ticks taken. */
  runUntil(done: (cluster: SimCluster) => boolean, ticksMax: number): number {
    const start = this.now;
    while (!done(this)) {
      if (this.now - start >= ticksMax) {
        throw new SimViolation(
          `No convergence within ${ticksMax} ticks (tick ${this.now}): ${this.describe()}\n` +
            `replay: ${this.replayCommand}`,
        );
      }
      this.tick();
    }
    return this.now - start;
  }

  tick(): void {
    this.now += 1;
    this.tickEvents.length = 0;
    for (const node of this.nodes.values()) {
      if (!node.up) continue;
      this.#feed(node, { kind: "tick" });
      node.quorum.step({ kind: "tick" });
      this.#performQuorum(node, node.quorum.drain());
    }
    this.#workloadTick();
    for (const report of this.reachability?.due(this.now, this.liveNodeIds) ?? []) {
      this.reportUnreachable(report.to, report.about);
    }
    for (;;) {
      const entry = this.network.nextDue(this.now);
      if (entry === undefined) break;
      const node = this.nodes.get(entry.to);
      if (node === undefined || !node.up) continue;
      this.#feed(node, { kind: "received", from: entry.from, message: entry.message });
    }
    this.#check();
  }

  crash(nodeId: NodeId): void {
    const node = this.node(nodeId);
    node.crash();
    this.#record(node, { kind: "crashed" });
    this.reachability?.crashed(nodeId, this.liveNodeIds, this.now);
  }

  /** `to`'s transport reports `about` unreachable (every link refused); ignored when `to` is down. */
  reportUnreachable(to: NodeId, about: NodeId): void {
    const node = this.node(to);
    if (node.up) this.#feed(node, { kind: "peer_unreachable", nodeId: about });
  }

  restart(nodeId: NodeId): void {
    const node = this.node(nodeId);
    node.restart();
    this.#record(node, { kind: "restarted", ringSeqRestored: node.persistedRingSeq });
    this.#start(node);
  }

  /** Orderly shutdown of one node (corosync's leave message), then it is down. */
  stop(nodeId: NodeId): void {
    const node = this.node(nodeId);
    this.#feed(node, { kind: "leave_requested" });
    this.crash(nodeId);
  }

  partition(mode: PartitionMode): void {
    this.network.partition(mode, this.nodeIds);
  }

  heal(): void {
    this.network.heal();
  }

  broadcast(nodeId: NodeId, group: string, payload: string): void {
    const node = this.node(nodeId);
    this.#record(node, { kind: "broadcast_requested", group, payload });
    this.#feed(node, { kind: "broadcast_requested", group, payload });
  }

  /** One line per live node: phase, ring and members. */
  describe(): string {
    return [...this.nodes.values()]
      .map((node) => {
        if (!node.up) return `${node.nodeId}: down`;
        const status = node.membership.status();
        const ring =
          status.ringId === undefined
            ? "-"
            : `${status.ringId.representative}.${status.ringId.seq}`;
        return `${node.nodeId}: ${status.phase} ${ring} {${status.members.join(",")}}`;
      })
      .join("; ");
  }

  #start(node: SimNode): void {
    node.joinGroups();
    this.#perform(node, node.membership.drain());
  }

  #workloadTick(): void {
    const percent = this.options.broadcastPercent ?? 0;
    if (percent <= 0 || !this.#workload.chance(percent)) return;
    const live = this.liveNodeIds;
    const nodeId = live[this.#workload.int(live.length)];
    if (nodeId === undefined) return;
    const node = this.node(nodeId);
    node.broadcastCounter += 1;
    const group = this.options.groups?.[0] ?? "cib";
    this.broadcast(nodeId, group, `${nodeId}:${node.broadcastCounter}`);
  }

  /**
   * Steps a node's membership core; inputs raised while its effects are performed (the quorum
   * core's announcements) queue behind them, so effects are seen in the order the core made them.
   */
  #feed(node: SimNode, input: Input): void {
    node.inputs.push(input);
    if (node.inputs.length > 1) return;
    while (node.inputs.length > 0) {
      const next = node.inputs[0];
      if (next === undefined) break;
      node.membership.step(next);
      this.#perform(node, node.membership.drain());
      node.inputs.shift();
    }
  }

  #perform(node: SimNode, effects: readonly Effect[]): void {
    for (const effect of effects) {
      switch (effect.kind) {
        case "send":
          this.network.send(node.nodeId, effect.to, effect.message, this.now);
          break;
        case "persist":
          node.persist(effect.ringSeq);
          break;
        case "view_installed":
          node.view = { ringId: effect.ringId, members: effect.members };
          this.#record(node, {
            kind: "view_installed",
            ringId: effect.ringId,
            members: effect.members,
            ...(effect.previous === undefined ? {} : { previous: effect.previous }),
          });
          node.quorum.step({
            kind: "view_installed",
            ringId: effect.ringId,
            members: effect.members,
          });
          this.#performQuorum(node, node.quorum.drain());
          break;
        case "delivered":
          this.#onDelivered(node, effect);
          break;
        case "group_changed":
          this.#record(node, {
            kind: "group_changed",
            group: effect.group,
            ringId: effect.ringId,
            members: effect.members,
            joined: effect.joined,
            left: effect.left,
          });
          break;
        case "broadcast_refused":
          break;
      }
    }
  }

  #onDelivered(node: SimNode, effect: Extract<Effect, { kind: "delivered" }>): void {
    const { ringId, sender, group, payload, seq } = effect;
    this.#record(node, { kind: "delivered", ringId, sender, group, payload, seq });
    if (group !== quorumGroup) return;
    node.quorum.step({ kind: "announced", nodeId: sender, expectedVotes: Number(payload) });
    this.#performQuorum(node, node.quorum.drain());
  }

  #performQuorum(node: SimNode, effects: readonly QuorumEffect[]): void {
    for (const effect of effects) {
      if (effect.kind === "announce") {
        this.#feed(node, {
          kind: "broadcast_requested",
          group: quorumGroup,
          payload: String(effect.expectedVotes),
        });
      } else {
        node.quorate = effect.quorate;
        this.#record(node, { kind: "quorum_changed", quorate: effect.quorate });
      }
    }
  }

  #record(node: SimNode, event: DistributiveOmit<SimEvent, "tick" | "nodeId">): void {
    const full = { ...event, tick: this.now, nodeId: node.nodeId } as SimEvent;
    this.tickEvents.push(full);
    if (this.options.keepEvents === true) this.events.push(full);
    for (const checker of this.#checkers) this.#report(checker.observe?.(full));
  }

  #check(): void {
    for (const checker of this.#checkers) this.#report(checker.afterTick?.(this));
  }

  #report(violation: string | undefined): void {
    if (violation === undefined) return;
    throw new SimViolation(`${violation} (tick ${this.now})\nreplay: ${this.replayCommand}`);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
