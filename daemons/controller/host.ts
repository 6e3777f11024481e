import { availableParallelism } from "node:os";
import { crmFeatureSet, type XmlElement } from "../../backend/cib/index.js";
import { quorateVersion } from "../../backend/base/index.js";
import type { Executor, ExecutorAction, ExecutorResult } from "../executor/index.js";
import { operationStatusCode } from "../executor/index.js";
import type { AttributeManager } from "../attrd/index.js";
import type { FenceApi } from "../fencer/index.js";
import type { Log, NodeSetup, RunningNode } from "../node/index.js";
import { clusterDaemonIdentity } from "../node/index.js";
import { Controller } from "./core.js";
import type { ControllerEffect, ControllerInput, ExecRequest, ExecResult } from "./core-types.js";
import { controllerGroup } from "./group.js";
import { editStatus } from "./status.js";

const tickMs = 100;

export interface ControllerHost {
  readonly core: Controller;
  /** SIGTERM: moves this node's resources away; resolves once none runs here. */
  shutdown(): Promise<void>;
  stop(): void;
}

function executorAction(request: ExecRequest): ExecutorAction {
  const { agent } = request;
  return {
    resource: request.resource,
    agent: {
      class: agent.className as ExecutorAction["agent"]["class"],
      type: agent.type,
      ...(agent.provider === undefined ? {} : { provider: agent.provider }),
    },
    action: request.operation,
    intervalMs: request.intervalMs,
    timeoutMs: request.timeoutMs,
    params: request.params,
    meta: request.expectedRc === 0 ? {} : { op_target_rc: String(request.expectedRc) },
  };
}

function execResult(result: ExecutorResult): ExecResult {
  return {
    rc: result.rc,
    status: operationStatusCode(result.status),
    execTimeMs: Math.max(0, result.finishedAtMs - result.startedAtMs),
    ...(result.exitReason === undefined ? {} : { exitReason: result.exitReason }),
  };
}

interface HostParts {
  readonly executor: Executor;
  /** The node's attrd: fail counts go through it, as Pacemaker's controller sends them. */
  readonly attrd: AttributeManager;
  readonly fencer: FenceApi;
  readonly log: Log;
}

/** The controller's edge: queues inputs, performs effects with the node's daemons. */
class ControllerEdge {
  readonly #queue: ControllerInput[] = [];
  #shutdownReady: (() => void) | undefined;
  #ready = false;

  constructor(
    readonly core: Controller,
    private readonly node: RunningNode,
    private readonly parts: HostParts,
  ) {}

  feed(input: ControllerInput): void {
    this.#queue.push(input);
    if (this.#queue.length > 1) return;
    while (this.#queue.length > 0) {
      const next = this.#queue[0];
      if (next !== undefined) {
        this.core.step(next);
        for (const effect of this.core.drain()) this.#perform(effect);
      }
      this.#queue.shift();
    }
  }

  shutdown(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#shutdownReady = resolve;
      if (this.#ready) resolve();
      else this.feed({ kind: "shutdown_requested" });
    });
  }

  #perform(effect: ControllerEffect): void {
    const { node, parts } = this;
    switch (effect.kind) {
      case "send":
        return node.bus.broadcast(controllerGroup, effect.payload, effect.to);
      case "cib_update":
        void node.cib
          .write((copy: XmlElement) => editStatus(copy, effect.changes), clusterDaemonIdentity)
          .then((result) =>
            this.feed({ kind: "cib_updated", updateId: effect.updateId, ok: result.ok }),
          );
        return;
      case "execute":
        return this.#execute(effect.callId, effect.request);
      case "cancel_recurring":
        parts.executor.cancel(effect.resource, "monitor", effect.intervalMs);
        return;
      case "attribute_update":
        void parts.attrd.updateAttributes(effect.node, effect.values).then((result) => {
          if (!result.ok) this.#attrdRefused(`record a failure on ${effect.node}`, result.issues);
        });
        return;
      case "failures_clear":
        void parts.attrd.clearFailures(effect.node, effect.resource).then((result) => {
          if (!result.ok)
            this.#attrdRefused(
              `clear ${effect.resource}'s failures on ${effect.node}`,
              result.issues,
            );
        });
        return;
      case "fence":
        void parts.fencer
          .fence(effect.target, effect.action === "off" ? "off" : "reboot", {
            client: "pacemaker-controld",
          })
          .then((result) => this.feed({ kind: "fenced", target: effect.target, ok: result.ok }));
        return;
      case "shutdown_ready":
        this.#ready = true;
        this.#shutdownReady?.();
        return;
      case "log":
        parts.log.write(effect.level, "CRMD", effect.message);
        return;
    }
  }

  #attrdRefused(what: string, issues: readonly { readonly message: string }[]): void {
    const reason = issues[0]?.message ?? "refused";
    this.parts.log.write("warning", "CRMD", `Could not ${what} through attrd: ${reason}`);
  }

  #execute(callId: number, request: ExecRequest): void {
    const action = executorAction(request);
    const { executor } = this.parts;
    if (request.intervalMs === 0) {
      void executor
        .run(action)
        .then((result) => this.feed({ kind: "executed", callId, result: execResult(result) }));
      return;
    }
    let first = true;
    const { resource, intervalMs } = request;
    const onResult = (result: ExecutorResult): void => {
      if (result.status === "cancelled") return;
      if (first) this.feed({ kind: "executed", callId, result: execResult(result) });
      else
        this.feed({ kind: "recurring_result", resource, intervalMs, result: execResult(result) });
      first = false;
    };
    executor.startRecurring(action, onResult, { firstRunDelayMs: 0 });
  }
}

function subscribe(edge: ControllerEdge, node: RunningNode): () => void {
  const cib = node.cib.current();
  if (cib !== undefined) edge.feed({ kind: "cib_changed", cib });
  const unsubscribe = node.cib.subscribe(() => {
    const current = node.cib.current();
    if (current !== undefined) edge.feed({ kind: "cib_changed", cib: current });
  });
  node.bus.onView((view) =>
    edge.feed({ kind: "view_installed", ringId: view.ringId, members: view.members }),
  );
  const status = node.quorum.status();
  if (status !== undefined) {
    const ringId = { representative: status.ringId.representative, seq: status.ringId.sequence };
    edge.feed({
      kind: "view_installed",
      ringId,
      members: status.members.map((member) => member.nodeid),
    });
    edge.feed({ kind: "quorum_changed", quorate: status.quorate });
  }
  node.quorum.onChange((change) => edge.feed({ kind: "quorum_changed", quorate: change.quorate }));
  node.bus.joinGroup(controllerGroup, {
    delivered: (message) =>
      edge.feed({ kind: "delivered", sender: message.sender, payload: message.payload }),
    changed: (change) =>
      edge.feed({ kind: "group_changed", ringId: change.ringId, members: change.members }),
  });
  return unsubscribe;
}

/**
 * Starts the controller on a running node: the crmd process group carries its messages, the
 * node's CIB and quorum feed it, the local executor runs what the DC asks, the fencer fences.
 */
export function startController(
  node: RunningNode,
  setup: NodeSetup,
  parts: HostParts,
): ControllerHost {
  const core = new Controller({
    nodeId: setup.local.nodeid,
    nodes: setup.nodes.map((entry) => ({ nodeId: entry.nodeid, name: entry.name })),
    featureSet: crmFeatureSet,
    dcVersion: `${quorateVersion}-quorate`,
    cores: availableParallelism(),
  });
  const edge = new ControllerEdge(core, node, parts);
  edge.feed({ kind: "tick", nowMs: Date.now() });
  const unsubscribe = subscribe(edge, node);
  const timer = setInterval(() => edge.feed({ kind: "tick", nowMs: Date.now() }), tickMs);
  return {
    core,
    shutdown: () => edge.shutdown(),
    stop() {
      clearInterval(timer);
      unsubscribe();
      node.bus.leaveGroup(controllerGroup);
    },
  };
}
