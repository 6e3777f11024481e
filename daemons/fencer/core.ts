import type { FenceAction, FenceEvent } from "../../backend/protocol/index.js";
import { Outbox } from "../kernel/index.js";
import type { NodeId, Prng } from "../kernel/index.js";
import { emptyFencingConfig } from "./config.js";
import type { FencingConfig } from "./config.js";
import type { FencerConfig, FencerEffect, FencerInput } from "./core-types.js";
import { TargetDiscovery } from "./discovery.js";
import { Execution } from "./execution.js";
import type { ExecutionStep } from "./execution.js";
import { BoundedSet, FenceHistory } from "./history.js";
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

/** The operation this node runs the devices of, and the agent run it waits for. */
interface Running {
  readonly execution: Execution;
  runId: number | undefined;
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

/** Finished operation ids remembered between restarts (late copies of their requests). */
const finishedRemembered = 1_000;

/**
 * The fencer (pacemaker-fenced): requests are broadcast in the stonith-ng group and every
 * member agrees on which node runs the devices (the origin unless it is the target, else the
 * lowest other member; the target itself only when alone). One operation at a time per target;
 * identical requests merge. The executioner walks the plan (see Execution). Results are
 * broadcast and recorded by all. After a join every member announces; at each announce's
 * delivery all members forget the operations in flight, origins ask again for their
 * unanswered requests (copies from before are stale) and everyone offers its history; no
 * operation is assigned until every member's offer arrived, so all members rebuild the same
 * operations and none that already ended runs again. Pure: no I/O, no clock, randomness from
 * the given Prng.
 */
export class Fencer {
  readonly #outbox = new Outbox<FencerEffect>();
  readonly #operations = new Map<string, Operation>();
  /** Local request ids by operation id. */
  readonly #requests = new Map<string, LocalRequest>();
  readonly #history: FenceHistory;
  readonly #nameByNodeId: ReadonlyMap<NodeId, string>;
  readonly #nodeIdByName: ReadonlyMap<string, NodeId>;
  /** Operations this node runs the devices of, by operation id. */
  readonly #running = new Map<string, Running>();
  /** Operation ids by the id of the agent run they wait for. */
  readonly #runs = new Map<number, string>();
  readonly #discovery = new TargetDiscovery();
  /** Operations whose result was delivered since the last restart. */
  readonly #finished = new BoundedSet(finishedRemembered);
  #fencing: FencingConfig = emptyFencingConfig;
  #members: readonly NodeId[] = [];
  #counter = 0;
  #runCounter = 0;
  /** The host's clock as last told (for the age of target lists). */
  #nowMs = 0;
  /** A join was seen and no announce has been delivered since. */
  #announcePending = false;
  #announceCounter = 0;
  /** The id of the last announce delivered: every member restarted its operations there. */
  #restartId: string | undefined;
  /**
   * Members whose history of the current restart is still to come. Until it is empty no
   * operation is assigned: an operation that ended on the other side of a partition is ended
   * by those histories instead of being run again.
   */
  #awaitingHistory = new Set<NodeId>();

  constructor(
    readonly config: FencerConfig,
    private readonly prng: Prng,
  ) {
    this.#nameByNodeId = new Map(config.nodes.map((node) => [node.nodeId, node.name]));
    this.#nodeIdByName = new Map(config.nodes.map((node) => [node.name, node.nodeId]));
    this.#history = new FenceHistory(config.historyMax);
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
    return [...this.#history.events(), ...pending].filter(
      (event) => target === undefined || event.target === target,
    );
  }

  step(input: FencerInput): void {
    switch (input.kind) {
      case "fence_requested":
        return this.#onFenceRequested(input);
      case "config_changed":
        // Most CIB changes are status updates: target lists stay while the devices do.
        if (JSON.stringify(input.config.devices) !== JSON.stringify(this.#fencing.devices))
          this.#discovery.configChanged();
        this.#fencing = input.config;
        return;
      case "group_changed":
        return this.#onGroupChanged(input.members, input.joined);
      case "delivered":
        this.#nowMs = Math.max(this.#nowMs, input.nowMs);
        return this.#onDelivered(input.sender, input.payload);
      case "device_finished":
        this.#nowMs = Math.max(this.#nowMs, input.nowMs);
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
    this.#broadcast(this.#requestMessage(opId, { target, action, client }));
  }

  #requestMessage(opId: string, request: Omit<LocalRequest, "requestId">): FencerMessage {
    const { target, action, client } = request;
    const message = { kind: "request", opId, target, action, origin: this.localName, client };
    const restart = this.#restartId === undefined ? {} : { restart: this.#restartId };
    return { ...message, ...restart } as FencerMessage;
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
        // An operation that ended elsewhere (the other side of a partition) ends here too.
        for (const entry of message.entries) this.#onResultDelivered(entry.opId, entry.event);
        if (message.restart === this.#restartId) this.#historyArrived([sender]);
        return;
      case "announce":
        // Every member, the sender too, restarts at the same point of the agreed order.
        this.#announcePending = false;
        this.#restartId = message.id;
        return this.#restartOperations();
    }
  }

  #onRequestDelivered(request: Extract<FencerMessage, { kind: "request" }>): void {
    // A request asked again (after a restart) that is known, or ended since the last restart,
    // is a copy: every member ignores it alike.
    const known = [...this.#operations.values()].some(
      (op) => op.opId === request.opId || op.merged.includes(request.opId),
    );
    const stale = request.restart !== this.#restartId;
    if (known || stale || this.#finished.has(request.opId)) return;
    const onTarget = [...this.#operations.values()].filter((op) => op.target === request.target);
    const same = onTarget.find((op) => op.action === request.action);
    if (same !== undefined) {
      same.merged.push(request.opId);
      return;
    }
    const { restart: _restart, ...fields } = request;
    const operation: Operation = { ...fields, merged: [], executioner: undefined };
    this.#operations.set(request.opId, operation);
    if (onTarget.length === 0 && this.#awaitingHistory.size === 0) this.#assign(operation);
  }

  /** Histories of the restart came from `senders` (or they left): maybe assign at last. */
  #historyArrived(senders: readonly NodeId[]): void {
    if (this.#awaitingHistory.size === 0) return;
    for (const sender of senders) this.#awaitingHistory.delete(sender);
    if (this.#awaitingHistory.size > 0) return;
    // The first operation on each target, in delivery order (the same on every member).
    const assigned = new Set<string>();
    for (const operation of this.#operations.values()) {
      if (assigned.has(operation.target)) continue;
      assigned.add(operation.target);
      this.#assign(operation);
    }
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
    const execution = new Execution({
      target: operation.target,
      action: operation.action,
      fencing: this.#fencing,
      discovery: this.#discovery,
      prng: this.prng,
    });
    const running: Running = { execution, runId: undefined };
    this.#running.set(operation.opId, running);
    this.#perform(operation, running, execution.advance(this.#nowMs));
  }

  #perform(operation: Operation, running: Running, step: ExecutionStep): void {
    if (step.kind === "finished") {
      this.#running.delete(operation.opId);
      running.runId = undefined;
      return this.#finish(operation, step);
    }
    this.#runCounter += 1;
    const runId = this.#runCounter;
    running.runId = runId;
    this.#runs.set(runId, operation.opId);
    const { run, target, delayMs } = step;
    this.#outbox.push({ kind: "run_device", runId, opId: operation.opId, target, run, delayMs });
  }

  #onDeviceFinished(input: DeviceFinished): void {
    const opId = this.#runs.get(input.runId);
    this.#runs.delete(input.runId);
    if (opId === undefined) return;
    const running = this.#running.get(opId);
    const operation = this.#operations.get(opId);
    // A run of an execution that a restart or a result ended since: nobody waits for it.
    if (running?.runId !== input.runId || operation === undefined) return;
    this.#perform(operation, running, running.execution.onResult(input.result, input.nowMs));
  }

  #finish(operation: Operation, outcome: Extract<ExecutionStep, { kind: "finished" }>): void {
    const event: FenceEvent = {
      target: operation.target,
      action: operation.action,
      state: outcome.state,
      origin: operation.origin,
      client: operation.client,
      delegate: this.localName,
      ...(outcome.device === undefined ? {} : { device: outcome.device }),
      ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
      completedMs: this.#nowMs,
    };
    this.#broadcast({ kind: "result", opId: operation.opId, event });
  }

  /** Forgets an execution of this node; its pending run is cancelled. */
  #stopRunning(opId: string, running: Running): void {
    this.#running.delete(opId);
    if (running.runId === undefined) return;
    this.#runs.delete(running.runId);
    this.#outbox.push({ kind: "cancel_run", runId: running.runId });
    running.runId = undefined;
  }

  #onResultDelivered(opId: string, event: FenceEvent): void {
    this.#history.record({ opId, event });
    this.#finished.add(opId);
    const operation = this.#operations.get(opId);
    if (operation !== undefined) this.#outbox.push({ kind: "fenced", event });
    // The result of an operation a restart forgot still answers its origin's request.
    for (const id of [opId, ...(operation?.merged ?? [])]) {
      const requestId = this.#requests.get(id)?.requestId;
      if (requestId === undefined) continue;
      this.#requests.delete(id);
      this.#outbox.push({ kind: "reply", requestId, event });
    }
    if (operation === undefined) return;
    this.#operations.delete(opId);
    const running = this.#running.get(opId);
    if (running !== undefined) this.#stopRunning(opId, running);
    const next = [...this.#operations.values()].find((op) => op.target === operation.target);
    if (next !== undefined && this.#awaitingHistory.size === 0) this.#assign(next);
  }

  #onGroupChanged(members: readonly NodeId[], joined: readonly NodeId[]): void {
    this.#members = [...members].sort((left, right) => left - right);
    if (!this.#members.includes(this.config.localNodeId)) return;
    if (joined.length > 0 || this.#announcePending) {
      // Members need not agree on who joined (a quick restart, an asymmetric merge): each
      // tells, and tells again after the next change until some announce is delivered.
      this.#announcePending = true;
      this.#announceCounter += 1;
      const { localNodeId, incarnation } = this.config;
      this.#broadcast({
        kind: "announce",
        id: `${localNodeId}-${incarnation}-a${this.#announceCounter}`,
      });
      // A node fences itself only while alone: now a peer will take it over at the restart.
      for (const [opId, running] of this.#running)
        if (this.#operations.get(opId)?.target === this.localName) this.#stopRunning(opId, running);
      return;
    }
    for (const operation of this.#operations.values()) {
      const executioner = operation.executioner;
      if (executioner !== undefined && !this.#members.includes(executioner))
        this.#assign(operation);
    }
    const departed = [...this.#awaitingHistory].filter((member) => !members.includes(member));
    this.#historyArrived(departed);
  }

  /**
   * Members that joined know nothing of the operations in flight, and those who stayed may each
   * know different ones (a merge): at an announce's delivery everyone forgets them, and each
   * origin asks again for its own, so all members rebuild the same operations in agreed order.
   */
  #restartOperations(): void {
    // Every request of this node still unanswered, delivered or not (it may have been lost).
    const again = [...this.#requests].map(([opId, request]) => this.#requestMessage(opId, request));
    this.#operations.clear();
    for (const [opId, running] of this.#running) this.#stopRunning(opId, running);
    this.#runs.clear();
    this.#finished.clear();
    this.#awaitingHistory = new Set(this.#members);
    for (const message of again.sort((left, right) => compareOpIds(left, right)))
      this.#broadcast(message);
    // Every member offers its history, even empty: in a merge each side saw operations the
    // other did not, and operations wait for every member's offer.
    const restart = this.#restartId === undefined ? {} : { restart: this.#restartId };
    this.#broadcast({ kind: "history", entries: this.#history.entries(), ...restart });
  }
}
