import { assert } from "../../backend/base/index.js";
import { CibReplica, type CibEffect, type CibInput, type PersistedCib } from "../cib/index.js";
import {
  Controller,
  applyStatusChanges,
  controllerGroup,
  type ControllerEffect,
  type ControllerInput,
} from "../controller/index.js";
import { Prng, type NodeId } from "../kernel/index.js";
import { SimCluster, SimViolation, type SimClusterOptions } from "./cluster.js";
import { checkControllerStep } from "./controller-checkers.js";
import { simControllerCib, type SimResourcesOptions } from "./controller-cib.js";
import type { SimEvent } from "./events.js";
import { SimExecutor, type SimExecutorOptions } from "./sim-executor.js";
import { attrdGroup } from "../attrd/index.js";
import { SimAttrd, attrdPatchset } from "./controller-attrd.js";
import type { Patchset } from "../cib/index.js";

const cibGroup = "cib";
/** How long a fenced node takes to boot again. */
const rebootTicks = 50;
const featureSet = "3.16.1";
/** The simulated clock starts at a plausible date (2026-01-01), in milliseconds. */
const epochMs = 1_767_225_600_000;

export interface SimControllerOptions {
  readonly resources: SimResourcesOptions;
  readonly executor: Omit<SimExecutorOptions, "tickMs">;
}

/** One simulated host's daemons above membership. */
export interface SimDaemons {
  readonly replica: CibReplica;
  readonly controller: Controller;
  readonly executor: SimExecutor;
  readonly attrd: SimAttrd;
  readonly inputs: ControllerInput[];
  /** Write request ids → what to tell of the CIB's answer (the controller's or attrd's write). */
  readonly writes: Map<string, (ok: boolean) => void>;
}

/**
 * The whole cluster simulated: membership and quorum (SimCluster), a CIB replica, a controller
 * and a simulated executor per node, and a simulated fencer that powers a node off. Checkers
 * run on every step (one DC per view, no resource active twice, nothing started without
 * quorum); a failing seed names the command that replays it.
 */
export class SimControllerCluster {
  readonly daemons = new Map<NodeId, SimDaemons>();
  readonly disks = new Map<NodeId, PersistedCib>();
  readonly fencings: string[] = [];
  /** The DC each ring ever had (a view has at most one). */
  readonly dcByRing = new Map<string, NodeId>();
  /** Fenced nodes power on again at these ticks (the fencer's reboot). */
  readonly #reboots = new Map<NodeId, number>();
  readonly #prng: Prng;
  readonly #tickMs: number;
  #writeCounter = 0;

  constructor(
    readonly cluster: SimCluster,
    readonly options: SimControllerOptions,
    seed: number,
  ) {
    this.#prng = new Prng(seed ^ 0xc0de);
    this.#tickMs = cluster.options.tickMs ?? 10;
    const initial = simControllerCib(options.resources);
    for (const nodeId of cluster.nodeIds) this.disks.set(nodeId, initial);
    cluster.addChecker({
      name: "controllers",
      observe: (event) => this.#observe(event),
      afterTick: () => this.#afterTick(),
    });
    for (const nodeId of cluster.liveNodeIds) this.#start(nodeId);
  }

  static create(
    options: SimClusterOptions,
    controller: SimControllerOptions,
  ): SimControllerCluster {
    const cluster = SimCluster.create({
      ...options,
      groups: [cibGroup, controllerGroup, attrdGroup],
    });
    return new SimControllerCluster(cluster, controller, options.seed);
  }

  get nowMs(): number {
    return epochMs + this.cluster.now * this.#tickMs;
  }

  node(nodeId: NodeId): SimDaemons {
    const daemons = this.daemons.get(nodeId);
    assert(daemons !== undefined, `node ${nodeId} runs its daemons`);
    return daemons;
  }

  nodeName(nodeId: NodeId): string {
    return `node${nodeId}`;
  }

  tick(): void {
    for (const [nodeId, due] of [...this.#reboots]) {
      if (due > this.cluster.now) continue;
      this.#reboots.delete(nodeId);
      if (!this.cluster.node(nodeId).up) this.cluster.restart(nodeId);
    }
    this.cluster.tick();
  }

  /** A resource dies on a node (if it runs there). */
  failResource(nodeId: NodeId, resource: string): void {
    this.daemons.get(nodeId)?.executor.fail(resource);
  }

  /** A client's CIB write on a node (a crm command's commit), as a patchset of its replica. */
  writeCib(
    nodeId: NodeId,
    patchset: Patchset,
    done: (ok: boolean) => void = () => undefined,
  ): void {
    this.#writePatch(nodeId, patchset, done);
  }

  /** SIGTERM: the node moves its resources away, then leaves (see shutdown_ready). */
  requestShutdown(nodeId: NodeId): void {
    this.#feed(nodeId, { kind: "shutdown_requested" });
  }

  #start(nodeId: NodeId): void {
    const nodes = this.cluster.nodeIds.map((id) => ({ nodeId: id, name: this.nodeName(id) }));
    const executorPrng = this.#prng.fork();
    const daemons: SimDaemons = {
      replica: new CibReplica({ nodeId, group: cibGroup }),
      controller: new Controller({ nodeId, nodes, featureSet, dcVersion: "0.1.0-sim", cores: 2 }),
      executor: new SimExecutor(executorPrng, { ...this.options.executor, tickMs: this.#tickMs }),
      attrd: new SimAttrd(nodeId, nodes, {
        tickMs: this.#tickMs,
        ports: {
          broadcast: (payload) => this.cluster.broadcast(nodeId, attrdGroup, payload),
          write: (write, done) => {
            const cib = this.daemons.get(nodeId)?.replica.cib;
            const patch = cib === undefined ? undefined : attrdPatchset(cib, write);
            this.#writePatch(nodeId, cib === undefined ? "refused" : patch, done);
          },
        },
      }),
      inputs: [],
      writes: new Map(),
    };
    this.daemons.set(nodeId, daemons);
    this.#feed(nodeId, { kind: "tick", nowMs: this.nowMs });
    this.#stepReplica(nodeId, { kind: "started", persisted: this.disks.get(nodeId) });
    const cib = daemons.replica.cib;
    if (cib !== undefined) this.#feed(nodeId, { kind: "cib_changed", cib });
  }

  #observe(event: SimEvent): string | undefined {
    const nodeId = event.nodeId;
    switch (event.kind) {
      case "view_installed":
        this.#stepReplica(nodeId, { kind: "view_installed", ringId: event.ringId });
        this.#feed(nodeId, {
          kind: "view_installed",
          ringId: event.ringId,
          members: event.members,
        });
        return undefined;
      case "group_changed":
        if (event.group === attrdGroup)
          this.daemons.get(nodeId)?.attrd.feed({
            kind: "group_changed",
            members: event.members,
            joined: event.joined.map((entry) => entry.nodeId),
            left: event.left.map((entry) => entry.nodeId),
          });
        if (event.group === cibGroup)
          this.#stepReplica(nodeId, {
            kind: "group_changed",
            ringId: event.ringId,
            members: event.members,
          });
        if (event.group === controllerGroup)
          this.#feed(nodeId, {
            kind: "group_changed",
            ringId: event.ringId,
            members: event.members,
          });
        return undefined;
      case "delivered":
        if (event.group === attrdGroup)
          this.daemons
            .get(nodeId)
            ?.attrd.feed({ kind: "delivered", sender: event.sender, payload: event.payload });
        if (event.group === cibGroup)
          this.#stepReplica(nodeId, {
            kind: "delivered",
            sender: event.sender,
            payload: event.payload,
          });
        if (event.group === controllerGroup)
          this.#feed(nodeId, { kind: "delivered", sender: event.sender, payload: event.payload });
        return undefined;
      case "quorum_changed":
        this.#stepReplica(nodeId, { kind: "quorum_changed", quorate: event.quorate });
        this.#feed(nodeId, { kind: "quorum_changed", quorate: event.quorate });
        return undefined;
      case "crashed":
        this.daemons.delete(nodeId);
        return undefined;
      case "restarted":
        this.#start(nodeId);
        return undefined;
      default:
        return undefined;
    }
  }

  #afterTick(): string | undefined {
    for (const [nodeId, daemons] of [...this.daemons]) {
      if (this.daemons.get(nodeId) !== daemons) continue;
      this.#feed(nodeId, { kind: "tick", nowMs: this.nowMs });
      daemons.attrd.feed({ kind: "tick" });
      for (const report of daemons.executor.tick(this.cluster.now)) {
        if (this.daemons.get(nodeId) !== daemons) break;
        this.#feed(nodeId, report);
      }
    }
    return checkControllerStep(this);
  }

  #stepReplica(nodeId: NodeId, input: CibInput): void {
    const daemons = this.daemons.get(nodeId);
    if (daemons === undefined) return;
    daemons.replica.step(input);
    for (const effect of daemons.replica.drain()) this.#performCib(nodeId, daemons, effect);
  }

  #performCib(nodeId: NodeId, daemons: SimDaemons, effect: CibEffect): void {
    switch (effect.kind) {
      case "broadcast":
        this.cluster.broadcast(nodeId, cibGroup, effect.payload);
        return;
      case "persist":
        this.disks.set(nodeId, { cibXml: effect.cibXml, digest: effect.digest });
        return;
      case "reply": {
        const answer = daemons.writes.get(effect.requestId);
        daemons.writes.delete(effect.requestId);
        answer?.(effect.reply.ok);
        return;
      }
      case "notify": {
        const cib = daemons.replica.cib;
        if (cib !== undefined) this.#feed(nodeId, { kind: "cib_changed", cib });
        return;
      }
      case "warn":
        return;
    }
  }

  /** Feeds a controller; inputs raised while its effects are performed queue behind them. */
  #feed(nodeId: NodeId, input: ControllerInput): void {
    const daemons = this.daemons.get(nodeId);
    if (daemons === undefined) return;
    daemons.inputs.push(input);
    if (daemons.inputs.length > 1) return;
    while (daemons.inputs.length > 0 && this.daemons.get(nodeId) === daemons) {
      const next = daemons.inputs[0];
      if (next === undefined) break;
      daemons.controller.step(next);
      for (const effect of daemons.controller.drain()) {
        if (this.daemons.get(nodeId) !== daemons) break;
        this.#performController(nodeId, daemons, effect);
      }
      daemons.inputs.shift();
    }
  }

  #performController(nodeId: NodeId, daemons: SimDaemons, effect: ControllerEffect): void {
    switch (effect.kind) {
      case "send":
        this.cluster.broadcast(nodeId, controllerGroup, effect.payload);
        return;
      case "cib_update":
        return this.#write(nodeId, daemons, effect.updateId, effect.changes);
      case "execute":
        if (effect.request.operation === "start" && !this.cluster.node(nodeId).quorate) {
          throw new SimViolation(
            `Node ${nodeId} started ${effect.request.resource} without quorum (tick ${this.cluster.now})\nreplay: ${this.cluster.replayCommand}`,
          );
        }
        daemons.executor.execute(effect.callId, effect.request, this.cluster.now);
        return;
      case "cancel_recurring":
        daemons.executor.cancel(effect.resource, effect.intervalMs);
        return;
      case "attribute_update":
      case "failures_clear":
        return daemons.attrd.controllerEffect(effect);
      case "fence":
        return this.#fence(nodeId, effect.target);
      case "shutdown_ready":
        this.cluster.stop(nodeId);
        return;
      case "log":
        return;
    }
  }

  #write(
    nodeId: NodeId,
    daemons: SimDaemons,
    updateId: number,
    changes: Parameters<typeof applyStatusChanges>[1],
  ): void {
    const cib = daemons.replica.cib;
    const applied = cib === undefined ? undefined : applyStatusChanges(cib, changes);
    this.#writePatch(nodeId, cib === undefined ? "refused" : applied?.patchset, (ok) =>
      this.#feed(nodeId, { kind: "cib_updated", updateId, ok }),
    );
  }

  /**
   * Writes a patchset on the node's replica and tells `done` the answer. While the replica
   * syncs, its copy may be replaced: the write is refused and made again (as the host holds
   * writes until the sync round ends), even one that changes nothing here. An answer without
   * a write is given at once: the asking daemon is mid-step and queues it behind its effects.
   */
  #writePatch(
    nodeId: NodeId,
    patchset: Patchset | undefined | "refused",
    done: (ok: boolean) => void,
  ): void {
    const daemons = this.daemons.get(nodeId);
    if (daemons === undefined) return;
    if (patchset === "refused" || daemons.replica.syncing) return done(false);
    if (patchset === undefined) return done(true);
    this.#writeCounter += 1;
    const requestId = `${nodeId}:${this.#writeCounter}`;
    daemons.writes.set(requestId, done);
    this.#stepReplica(nodeId, { kind: "write_requested", requestId, patchset });
  }

  /** The simulated fencer powers the target off (if up) and confirms to the DC that asked. */
  #fence(nodeId: NodeId, target: string): void {
    const targetId = this.cluster.nodeIds.find((id) => this.nodeName(id) === target);
    this.fencings.push(`${this.cluster.now}: ${nodeId} fenced ${target}`);
    if (targetId !== undefined && targetId !== nodeId && this.cluster.node(targetId).up) {
      this.cluster.crash(targetId);
      this.#reboots.set(targetId, this.cluster.now + rebootTicks);
    }
    const ok = targetId !== nodeId;
    this.node(nodeId).inputs.push({ kind: "fenced", target, ok });
  }
}
