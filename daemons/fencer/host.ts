import { fail, ok } from "../../backend/base/index.js";
import type { Result } from "../../backend/base/index.js";
import type { FenceAction, FenceEvent } from "../../backend/protocol/index.js";
import type { Executor } from "../executor/index.js";
import { CoreFeeder, Prng } from "../kernel/index.js";
import type { NodeId } from "../kernel/index.js";
import type { ClusterBus, LocalCib, Log, NodeSetup, RunningNode } from "../node/index.js";
import { addFencingHandlers } from "./handlers.js";
import { fencingConfigOf } from "./config.js";
import { Fencer } from "./core.js";
import { fencerGroup } from "./core-types.js";
import type { FencerEffect, FencerInput } from "./core-types.js";
import { fenceExecutorAction } from "./devices.js";
import type { DeviceRun } from "./devices.js";
import { delayText, deviceResultOf } from "./device-result.js";

export interface FencerHostEnv {
  readonly localNodeId: NodeId;
  readonly nodes: readonly { readonly nodeId: NodeId; readonly name: string }[];
  /** The stonith-ng group (all the fencer uses of the node's bus). */
  readonly bus: Pick<ClusterBus, "joinGroup" | "leaveGroup" | "broadcast">;
  /** The node's CIB, read for devices, topology and fencing options. */
  readonly cib: Pick<LocalCib, "current" | "subscribe">;
  /** Runs the fence agents (the node's executor). */
  readonly executor: Executor;
  readonly log: Log;
  /** Milliseconds since the epoch, stamped on results. */
  readonly clock: () => number;
}

/** What the controller and the client channel use of the fencer. */
export interface FenceApi {
  /** Fences a node; resolves when some member's devices succeeded, or every level failed. */
  fence(
    target: string,
    action: FenceAction,
    options?: { readonly client?: string },
  ): Promise<Result<FenceEvent, "fencing_failed">>;
  /** Fences a node and resolves with the operation as recorded, whatever its outcome. */
  request(
    target: string,
    action: FenceAction,
    options?: { readonly client?: string },
  ): Promise<FenceEvent>;
  /** Completed operations (oldest first) and pending ones. */
  history(target?: string): FenceEvent[];
  /** Hears every operation that ends anywhere in the cluster. */
  onFenced(listener: (event: FenceEvent) => void): void;
}

/** Runs the Fencer core on a node: the stonith-ng group and the CIB in, devices and replies out. */
export class FencerHost implements FenceApi {
  readonly #feeder: CoreFeeder<FencerInput, FencerEffect>;
  readonly core: Fencer;
  readonly #settles = new Map<string, (event: FenceEvent) => void>();
  readonly #listeners: ((event: FenceEvent) => void)[] = [];
  /** Device runs waiting out their pcmk_delay_base/max (or retry) delay. */
  readonly #delays = new Map<number, ReturnType<typeof setTimeout>>();
  #nextRequest = 1;
  #unsubscribe: (() => void) | undefined;

  constructor(readonly env: FencerHostEnv) {
    const config = {
      localNodeId: env.localNodeId,
      nodes: env.nodes,
      historyMax: 500,
      incarnation: env.clock(),
    };
    // Fencing delays are random on purpose (they break fence races between nodes).
    this.core = new Fencer(config, new Prng(Math.floor(Math.random() * 2 ** 32)));
    this.#feeder = new CoreFeeder(this.core, (effect) => this.#perform(effect));
  }

  start(): void {
    this.#readConfig();
    this.#unsubscribe = this.env.cib.subscribe(() => this.#readConfig());
    this.env.bus.joinGroup(fencerGroup, {
      delivered: (message) =>
        this.#feed({
          kind: "delivered",
          sender: message.sender,
          payload: message.payload,
          nowMs: this.env.clock(),
        }),
      changed: (change) =>
        this.#feed({
          kind: "group_changed",
          members: change.members,
          joined: change.joined.map((entry) => entry.nodeId),
        }),
    });
  }

  stop(): void {
    for (const timer of this.#delays.values()) clearTimeout(timer);
    this.#delays.clear();
    this.#unsubscribe?.();
    this.env.bus.leaveGroup(fencerGroup);
  }

  async fence(
    target: string,
    action: FenceAction,
    options: { readonly client?: string } = {},
  ): Promise<Result<FenceEvent, "fencing_failed">> {
    const event = await this.request(target, action, options);
    if (event.state === "success") return ok(event);
    return fail([{ code: "fencing_failed", message: event.reason ?? "Fencing failed" }]);
  }

  request(
    target: string,
    action: FenceAction,
    options: { readonly client?: string } = {},
  ): Promise<FenceEvent> {
    const requestId = `fence-${this.#nextRequest++}`;
    return new Promise((resolve) => {
      this.#settles.set(requestId, resolve);
      const client = options.client ?? "controller";
      this.#feed({ kind: "fence_requested", requestId, target, action, client });
    });
  }

  history(target?: string): FenceEvent[] {
    return this.core.history(target);
  }

  onFenced(listener: (event: FenceEvent) => void): void {
    this.#listeners.push(listener);
  }

  #readConfig(): void {
    const cib = this.env.cib.current();
    if (cib !== undefined) this.#feed({ kind: "config_changed", config: fencingConfigOf(cib) });
  }

  #feed(input: FencerInput): void {
    this.#feeder.feed(input);
  }

  #runDevice(runId: number, run: DeviceRun, target: string | undefined): void {
    if (run.agentAction !== "metadata") {
      const on = target === undefined ? "" : ` on ${target}`;
      const text = `Requesting that ${run.device} perform '${run.agentAction}'${on}`;
      this.env.log.write("notice", "fenced", text);
    }
    void this.env.executor.run(fenceExecutorAction(run, target)).then((result) => {
      const nowMs = this.env.clock();
      this.#feed({ kind: "device_finished", runId, result: deviceResultOf(result), nowMs });
    });
  }

  #perform(effect: FencerEffect): void {
    const { log } = this.env;
    switch (effect.kind) {
      case "broadcast":
        this.env.bus.broadcast(fencerGroup, effect.payload);
        return;
      case "run_device": {
        const { run, target, runId, delayMs } = effect;
        if (delayMs <= 0) return this.#runDevice(runId, run, target);
        log.write("notice", "fenced", delayText(run, target, delayMs));
        const timer = setTimeout(() => {
          this.#delays.delete(runId);
          this.#runDevice(runId, run, target);
        }, delayMs);
        this.#delays.set(runId, timer);
        return;
      }
      case "cancel_run":
        clearTimeout(this.#delays.get(effect.runId));
        this.#delays.delete(effect.runId);
        return;
      case "reply":
        this.#settles.get(effect.requestId)?.(effect.event);
        this.#settles.delete(effect.requestId);
        return;
      case "fenced": {
        const { event } = effect;
        const by = event.delegate ?? "a peer";
        const outcome = event.state === "success" ? "OK" : `Error (${event.reason ?? "failed"})`;
        log.write(
          "notice",
          "fenced",
          `Operation '${event.action}' targeting ${event.target} by ${by} for ${event.client}@${event.origin}: ${outcome}`,
        );
        for (const listener of this.#listeners) listener(event);
        return;
      }
      case "warn":
        log.write("warning", "fenced", effect.message);
        return;
    }
  }
}

/** Starts the fencer on a running node and serves the fencing requests of its client channel. */
export function startFencer(
  node: RunningNode,
  setup: NodeSetup,
  parts: { readonly executor: Executor; readonly log: Log },
): FencerHost {
  const host = new FencerHost({
    localNodeId: setup.local.nodeid,
    nodes: setup.nodes.map((entry) => ({ nodeId: entry.nodeid, name: entry.name })),
    bus: node.bus,
    cib: node.cib,
    executor: parts.executor,
    log: parts.log,
    clock: () => Date.now(),
  });
  host.start();
  addFencingHandlers(node.handlers, host);
  return host;
}
