import type { FenceAction, FenceEvent } from "../../backend/protocol/index.js";
import { Outbox } from "../kernel/index.js";
import type { NodeId } from "../kernel/index.js";
import { emptyFencingConfig } from "./config.js";
import type { FencingConfig } from "./config.js";
import type { FencerConfig, FencerEffect, FencerInput, HistoryEntry } from "./core-types.js";
import { deviceRun, fencingPlan } from "./devices.js";
import type { DeviceRun } from "./devices.js";
import { decodeFencerMessage, encodeFencerMessage } from "./wire.js";
import type { FencerMessage } from "./wire.js";

/** An operation every member knows of, from its request's delivery to its result's. */
interface Operation {
  readonly opId: string;
  readonly target: string;
  readonly action: FenceAction;
  readonly origin: string;
  readonly client: string;
  /** Requests for the same target and action delivered while this one ran. */
  readonly merged: string[];
  /** Node running the devices; undefined while queued behind another operation on the target. */
  executioner: NodeId | undefined;
}

/** The executioner's progress through the plan. */
interface Execution {
  readonly opId: string;
  readonly plan: readonly (readonly string[])[];
  level: number;
  device: number;
  attempt: number;
  run: DeviceRun | undefined;
  /** Why the last level failed, for the result's reason. */
  failures: string[];
}

/** Operation ids are `<nodeid>-<incarnation>-<counter>`: sent again in the order first made. */
function compareOpIds(left: FencerMessage, right: FencerMessage): number {
  const counter = (message: FencerMessage): number =>
    message.kind === "request" ? Number(message.opId.split("-")[2]) : 0;
  return counter(left) - counter(right);
}

/** A request of a local client, by the operation id it was broadcast with. */
interface LocalRequest {
  readonly requestId: string;
  readonly target: string;
  readonly action: FenceAction;
  readonly client: string;
}

type FenceRequested = Extract<FencerInput, { kind: "fence_requested" }>;
type DeviceFinished = Extract<FencerInput, { kind: "device_finished" }>;

/**
 * The fencer (pacemaker-fenced): requests are broadcast in the stonith-ng group and every
 * member agrees on which node runs the devices (the origin unless it is the target, else the
 * lowest other member; the target itself only when alone). One operation at a time per target;
 * identical requests merge. Levels are tried in index order, every device of a level must
 * succeed. Results are broadcast and recorded by all. Pure: no I/O, no clock.
 */
export class Fencer {
  readonly #outbox = new Outbox<FencerEffect>();
  readonly #operations = new Map<string, Operation>();
  /** Local request ids by operation id. */
  readonly #requests = new Map<string, LocalRequest>();
  readonly #history: HistoryEntry[] = [];
  readonly #nameByNodeId: ReadonlyMap<NodeId, string>;
  readonly #nodeIdByName: ReadonlyMap<string, NodeId>;
  /** Operations this node runs the devices of, by operation id. */
  readonly #executions = new Map<string, Execution>();
  #fencing: FencingConfig = emptyFencingConfig;
  #members: readonly NodeId[] = [];
  #counter = 0;

  constructor(readonly config: FencerConfig) {
    this.#nameByNodeId = new Map(config.nodes.map((node) => [node.nodeId, node.name]));
    this.#nodeIdByName = new Map(config.nodes.map((node) => [node.name, node.nodeId]));
  }

  get localName(): string {
    return this.#nameByNodeId.get(this.config.localNodeId) ?? String(this.config.localNodeId);
  }

  get fencingConfig(): FencingConfig {
    return this.#fencing;
  }

  /** Completed operations (oldest first), then those still pending; of one target when given. */
  history(target?: string): FenceEvent[] {
    const pending: FenceEvent[] = [...this.#operations.values()].map((operation) => ({
      target: operation.target,
      action: operation.action,
      state: "pending",
      origin: operation.origin,
      client: operation.client,
      ...(operation.executioner === undefined
        ? {}
        : { delegate: this.#nameByNodeId.get(operation.executioner) ?? "" }),
    }));
    return [...this.#history.map((entry) => entry.event), ...pending].filter(
      (event) => target === undefined || event.target === target,
    );
  }

  step(input: FencerInput): void {
    switch (input.kind) {
      case "fence_requested":
        return this.#onFenceRequested(input);
      case "config_changed":
        this.#fencing = input.config;
        return;
      case "group_changed":
        return this.#onGroupChanged(input.members, input.joined);
      case "delivered":
        return this.#onDelivered(input.sender, input.payload);
      case "device_finished":
        return this.#onDeviceFinished(input);
    }
  }

  drain(): readonly FencerEffect[] {
    return this.#outbox.drain();
  }

  #failAtOnce(input: FenceRequested, reason: string): void {
    const event: FenceEvent = {
      target: input.target,
      action: input.action,
      state: "failed",
      origin: this.localName,
      client: input.client,
      reason,
    };
    this.#outbox.push({ kind: "reply", requestId: input.requestId, event });
  }

  #onFenceRequested(input: FenceRequested): void {
    if (!this.#nodeIdByName.has(input.target))
      return this.#failAtOnce(input, `Unknown node "${input.target}"`);
    if (!this.#members.includes(this.config.localNodeId))
      return this.#failAtOnce(input, "This node has not joined the stonith-ng group yet");
    this.#counter += 1;
    const opId = `${this.config.localNodeId}-${this.config.incarnation}-${this.#counter}`;
    const { requestId, target, action, client } = input;
    this.#requests.set(opId, { requestId, target, action, client });
    this.#broadcast({
      kind: "request",
      opId,
      target: input.target,
      action: input.action,
      origin: this.localName,
      client: input.client,
    });
  }

  #broadcast(message: FencerMessage): void {
    this.#outbox.push({ kind: "broadcast", payload: encodeFencerMessage(message) });
  }

  #onDelivered(sender: NodeId, payload: string): void {
    const decoded = decodeFencerMessage(payload);
    if (!decoded.ok) {
      const reason = decoded.issues[0]?.message ?? "malformed";
      this.#outbox.push({
        kind: "warn",
        message: `Dropped fencer message from ${sender}: ${reason}`,
      });
      return;
    }
    const message = decoded.value;
    switch (message.kind) {
      case "request":
        return this.#onRequestDelivered(message);
      case "result":
        return this.#onResultDelivered(message.opId, message.event);
      case "history":
        for (const entry of message.entries) this.#record(entry);
        return;
      case "announce":
        if (sender !== this.config.localNodeId) this.#restartOperations();
        return;
    }
  }

  #onRequestDelivered(request: Extract<FencerMessage, { kind: "request" }>): void {
    const onTarget = [...this.#operations.values()].filter((op) => op.target === request.target);
    const same = onTarget.find((op) => op.action === request.action);
    if (same !== undefined) {
      same.merged.push(request.opId);
      return;
    }
    const operation: Operation = { ...request, merged: [], executioner: undefined };
    this.#operations.set(request.opId, operation);
    if (onTarget.length === 0) this.#assign(operation);
  }

  /** Chooses the executioner as every member does, and starts the plan when it is this node. */
  #assign(operation: Operation): void {
    const targetId = this.#nodeIdByName.get(operation.target);
    const others = this.#members.filter((member) => member !== targetId);
    const originId = this.#nodeIdByName.get(operation.origin);
    const chosen =
      originId !== undefined && others.includes(originId)
        ? originId
        : (others[0] ?? this.#members[0]);
    operation.executioner = chosen;
    if (chosen === this.config.localNodeId) this.#execute(operation);
  }

  #execute(operation: Operation): void {
    const plan = fencingPlan(this.#fencing, operation.target);
    const execution: Execution = {
      opId: operation.opId,
      plan,
      level: 0,
      device: 0,
      attempt: 1,
      run: undefined,
      failures: [],
    };
    this.#executions.set(operation.opId, execution);
    this.#runCurrent(operation, execution, undefined);
  }

  /** Runs the execution's current device, or ends the operation when the plan is exhausted. */
  #runCurrent(operation: Operation, execution: Execution, nowMs: number | undefined): void {
    const deviceId = execution.plan[execution.level]?.[execution.device];
    if (deviceId === undefined) {
      const reason =
        execution.plan.length === 0
          ? `No fence device can fence ${operation.target}`
          : `Every fencing level failed: ${execution.failures.join("; ")}`;
      return this.#finish(operation, { state: "failed", reason }, nowMs);
    }
    const device = this.#fencing.devices.find((candidate) => candidate.id === deviceId);
    if (device === undefined) {
      execution.failures.push(`${deviceId}: no such device`);
      return this.#nextLevel(operation, execution, nowMs);
    }
    const { action } = operation;
    execution.run = deviceRun(device, {
      action,
      stonithTimeoutMs: this.#fencing.stonithTimeoutMs,
    });
    this.#outbox.push({
      kind: "run_device",
      opId: operation.opId,
      target: operation.target,
      run: execution.run,
    });
  }

  #nextLevel(operation: Operation, execution: Execution, nowMs: number | undefined): void {
    execution.level += 1;
    execution.device = 0;
    execution.attempt = 1;
    this.#runCurrent(operation, execution, nowMs);
  }

  #onDeviceFinished(input: DeviceFinished): void {
    const execution = this.#executions.get(input.opId);
    const operation = this.#operations.get(input.opId);
    if (execution?.opId !== input.opId || operation === undefined || execution.run === undefined)
      return;
    const run = execution.run;
    if (input.ok) {
      const level = execution.plan[execution.level] ?? [];
      execution.device += 1;
      execution.attempt = 1;
      if (execution.device < level.length)
        return this.#runCurrent(operation, execution, input.nowMs);
      return this.#finish(operation, { state: "success", device: run.device }, input.nowMs);
    }
    if (execution.attempt < run.attempts) {
      execution.attempt += 1;
      return this.#runCurrent(operation, execution, input.nowMs);
    }
    execution.failures.push(`${run.device}: ${input.reason ?? "failed"}`);
    this.#nextLevel(operation, execution, input.nowMs);
  }

  #finish(
    operation: Operation,
    outcome: {
      readonly state: "success" | "failed";
      readonly device?: string;
      readonly reason?: string;
    },
    nowMs: number | undefined,
  ): void {
    this.#executions.delete(operation.opId);
    const event: FenceEvent = {
      target: operation.target,
      action: operation.action,
      state: outcome.state,
      origin: operation.origin,
      client: operation.client,
      delegate: this.localName,
      ...(outcome.device === undefined ? {} : { device: outcome.device }),
      ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
      ...(nowMs === undefined ? {} : { completedMs: nowMs }),
    };
    this.#broadcast({ kind: "result", opId: operation.opId, event });
  }

  #onResultDelivered(opId: string, event: FenceEvent): void {
    this.#record({ opId, event });
    const operation = this.#operations.get(opId);
    if (operation === undefined) return;
    this.#operations.delete(opId);
    this.#executions.delete(opId);
    this.#outbox.push({ kind: "fenced", event });
    for (const id of [opId, ...operation.merged]) {
      const requestId = this.#requests.get(id)?.requestId;
      if (requestId === undefined) continue;
      this.#requests.delete(id);
      this.#outbox.push({ kind: "reply", requestId, event });
    }
    const next = [...this.#operations.values()].find((op) => op.target === operation.target);
    if (next !== undefined) this.#assign(next);
  }

  #record(entry: HistoryEntry): void {
    if (this.#history.some((known) => known.opId === entry.opId)) return;
    this.#history.push(entry);
    if (this.#history.length > this.config.historyMax) this.#history.shift();
  }

  #onGroupChanged(members: readonly NodeId[], joined: readonly NodeId[]): void {
    this.#members = [...members].sort((left, right) => left - right);
    if (!this.#members.includes(this.config.localNodeId)) return;
    if (joined.length > 0) {
      // Members need not agree on who joined (a quick restart, an asymmetric merge): each tells.
      this.#broadcast({ kind: "announce" });
      return this.#restartOperations();
    }
    for (const operation of this.#operations.values()) {
      const executioner = operation.executioner;
      if (executioner !== undefined && !this.#members.includes(executioner))
        this.#assign(operation);
    }
  }

  /**
   * Members that joined know nothing of the operations in flight, and those who stayed may each
   * know different ones (a merge): everyone forgets them, and each origin asks again for its
   * own, so all members rebuild the same operations in the new view's agreed order.
   */
  #restartOperations(): void {
    // Every request of this node still unanswered, delivered or not (it may have been lost).
    const again: FencerMessage[] = [...this.#requests].map(([opId, request]) => ({
      kind: "request",
      opId,
      target: request.target,
      action: request.action,
      origin: this.localName,
      client: request.client,
    }));
    this.#operations.clear();
    this.#executions.clear();
    for (const message of again.sort((left, right) => compareOpIds(left, right)))
      this.#broadcast(message);
    // Every member offers its history: in a merge each side saw operations the other did not.
    if (this.#history.length > 0) this.#broadcast({ kind: "history", entries: [...this.#history] });
  }
}
