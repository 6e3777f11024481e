/**
 * One node's side of the controller: what its executor runs and has run (the history it
 * reports at join), recurring monitors, and stopping everything when quorum is lost or the
 * node shuts down.
 */
import type { XmlElement } from "../../backend/cib/index.js";
import type { NodeId, Outbox } from "../kernel/index.js";
import type {
  ControllerEffect,
  ExecRequest,
  ExecResult,
  OpRecord,
  ResourceHistory,
} from "./core-types.js";
import { isActive, isExpected, recordsFor, withRecords, type OpContext } from "./history.js";
import { hasTransientAttributes, historyIds, transientAttributes } from "./status.js";

export interface ActionOrigin {
  readonly dc: NodeId;
  readonly transition: number;
  readonly actionId: number;
}

export interface LocalResult {
  readonly origin: ActionOrigin | undefined;
  readonly request: ExecRequest;
  readonly records: readonly OpRecord[];
  readonly expected: boolean;
}

interface Recurring {
  readonly request: ExecRequest;
  lastRc: number;
  lastStatus: number;
}

const localTransitionKey = "0:-1:0:local";

export class LocalResources {
  readonly #history = new Map<string, ResourceHistory>();
  readonly #inFlight = new Map<
    number,
    { readonly request: ExecRequest; readonly origin: ActionOrigin | undefined }
  >();
  readonly #recurring = new Map<string, Recurring>();
  readonly #lastStart = new Map<string, ExecRequest>();
  /** Resources whose history the CIB holds for this node (a later absence is a cleanup). */
  readonly #published = new Set<string>();
  /** This node's fail-count-/last-failure- attributes in the last CIB seen. */
  #failureAttributes = new Set<string>();
  #callId = 0;

  constructor(
    private readonly outbox: Outbox<ControllerEffect>,
    private readonly context: {
      readonly node: string;
      readonly nodeId: NodeId;
      readonly featureSet: string;
    },
  ) {}

  get busy(): boolean {
    return this.#inFlight.size > 0;
  }

  history(): ResourceHistory[] {
    return [...this.#history.values()];
  }

  /** Resources the history says may be running here. */
  active(): string[] {
    return [...this.#history.values()].filter(isActive).map((history) => history.id);
  }

  run(request: ExecRequest, origin: ActionOrigin | undefined): void {
    if (request.operation === "stop") this.#cancelRecurring(request.resource);
    if (request.operation === "start" || request.operation === "promote")
      this.#lastStart.set(request.resource, request);
    if (request.intervalMs > 0) {
      this.#recurring.set(recurringKey(request.resource, request.intervalMs), {
        request,
        lastRc: -1,
        lastStatus: -1,
      });
    }
    this.#callId += 1;
    this.#inFlight.set(this.#callId, { request, origin });
    this.outbox.push({ kind: "execute", callId: this.#callId, request });
  }

  executed(callId: number, result: ExecResult, nowMs: number): LocalResult | undefined {
    const entry = this.#inFlight.get(callId);
    if (entry === undefined) return undefined;
    this.#inFlight.delete(callId);
    const { request } = entry;
    const recurring =
      request.intervalMs > 0
        ? this.#recurring.get(recurringKey(request.resource, request.intervalMs))
        : undefined;
    if (recurring !== undefined) {
      recurring.lastRc = result.rc;
      recurring.lastStatus = result.status;
    }
    const records = this.#record(request, result, callId, nowMs);
    return { origin: entry.origin, request, records, expected: isExpected(request, result) };
  }

  /** A recurring monitor's run: a result only when its rc or status changed. */
  recurringResult(
    resource: string,
    intervalMs: number,
    result: ExecResult,
    nowMs: number,
  ): LocalResult | undefined {
    const recurring = this.#recurring.get(recurringKey(resource, intervalMs));
    if (recurring === undefined) return undefined;
    if (recurring.lastRc === result.rc && recurring.lastStatus === result.status) return undefined;
    recurring.lastRc = result.rc;
    recurring.lastStatus = result.status;
    this.#callId += 1;
    const records = this.#record(recurring.request, result, this.#callId, nowMs);
    return {
      origin: undefined,
      request: recurring.request,
      records,
      expected: isExpected(recurring.request, result),
    };
  }

  /** Stops every resource that may run here and is not being acted on (no quorum, shutdown). */
  stopAll(): void {
    const acting = new Set([...this.#inFlight.values()].map((entry) => entry.request.resource));
    for (const resource of this.active()) {
      if (acting.has(resource)) continue;
      const history = this.#history.get(resource);
      if (history === undefined) continue;
      const last = this.#lastStart.get(resource);
      this.run(
        {
          resource,
          agent: history.agent,
          operation: "stop",
          intervalMs: 0,
          timeoutMs: last?.timeoutMs ?? 20_000,
          params: last?.params ?? {},
          expectedRc: 0,
          transitionKey: localTransitionKey,
        },
        undefined,
      );
    }
  }

  /**
   * The CIB dropped this node's history of a resource it held, or the fail counts of one
   * (crm_resource -C): the history is forgotten here, and the failures go from attrd too, which
   * would otherwise count on from them and write them back.
   */
  cibChanged(cib: XmlElement): void {
    const cleared = this.#clearedFailures(cib);
    const ids = historyIds(cib, String(this.context.nodeId));
    for (const resource of [...this.#published]) {
      if (ids === undefined || ids.has(resource)) continue;
      this.#published.delete(resource);
      if (!this.#history.delete(resource)) continue;
      this.#cancelRecurring(resource);
      cleared.add(resource);
    }
    for (const resource of [...cleared].sort())
      this.outbox.push({ kind: "failures_clear", node: this.context.node, resource });
    if (ids === undefined) return;
    for (const resource of this.#history.keys())
      if (ids.has(resource)) this.#published.add(resource);
  }

  /**
   * Resources whose failure attributes of this node left the status section while its
   * transient attributes stayed (attrd's own clear of a node removes them all, and is not one).
   */
  #clearedFailures(cib: XmlElement): Set<string> {
    const nodeId = String(this.context.nodeId);
    const names = [...transientAttributes(cib, nodeId).keys()].filter((name) =>
      failureAttribute.test(name),
    );
    const previous = this.#failureAttributes;
    this.#failureAttributes = new Set(names);
    const cleared = new Set<string>();
    if (!hasTransientAttributes(cib, nodeId)) return cleared;
    for (const name of previous) {
      const resource = failureAttribute.exec(name)?.[1];
      if (!this.#failureAttributes.has(name) && resource !== undefined) cleared.add(resource);
    }
    return cleared;
  }

  #record(request: ExecRequest, result: ExecResult, callId: number, nowMs: number): OpRecord[] {
    const context: OpContext = {
      node: this.context.node,
      callId,
      nowMs,
      featureSet: this.context.featureSet,
    };
    const records = recordsFor(request, result, context);
    const current = this.#history.get(request.resource);
    this.#history.set(
      request.resource,
      withRecords(current, { id: request.resource, agent: request.agent }, records),
    );
    return records;
  }

  #cancelRecurring(resource: string): void {
    for (const [key, recurring] of [...this.#recurring]) {
      if (recurring.request.resource !== resource) continue;
      this.#recurring.delete(key);
      this.outbox.push({
        kind: "cancel_recurring",
        resource,
        intervalMs: recurring.request.intervalMs,
      });
    }
  }
}

function recurringKey(resource: string, intervalMs: number): string {
  return `${resource}\u0000${intervalMs}`;
}

/** `fail-count-RSC[:N][#OP_INTERVAL]` and `last-failure-…`: group 1 is RSC. */
const failureAttribute = /^(?:fail-count|last-failure)-(.+?)(?::\d+)?(?:#.*)?$/;
