/**
 * The DC's role: the join round that rebuilds the status section from every member's history,
 * then the transition engine (schedule, carry out the graph, record results, recompute).
 */
import type { XmlElement } from "../../backend/cib/index.js";
import type { Outbox } from "../kernel/index.js";
import { type NodeId } from "../kernel/index.js";
import { schedule, type GraphAction } from "../scheduler/index.js";
import { actionLimits } from "./action-limits.js";
import type { ControllerConfig, ControllerEffect } from "./core-types.js";
import { AwaitedFailures, failureAttributes } from "./fail-count.js";
import { isFailureRecord, withRecords } from "./history.js";
import { joinChanges, type JoinReport } from "./join.js";
import { recheckAtMs } from "./recheck.js";
import { transientAttributes, type StatusChange } from "./status.js";
import { execRequest, Transition } from "./transition.js";
import { encodeControllerMessage, type ControllerMessage } from "./wire.js";

type DcPhase = "joining" | "writing_join" | "ready";

type ActionResultMessage = Extract<ControllerMessage, { kind: "action_result" }>;

/** How long the scheduler waits for a failure's fail count to reach the status section. */
const failureWaitMs = 5_000;

/** One DC term: from election (or a membership change) to the next. */
export class DcRole {
  #phase: DcPhase = "joining";
  #joinId: number;
  readonly #waiting = new Set<NodeId>();
  readonly #histories = new Map<NodeId, JoinReport>();
  /** The one write in flight, and the changes made meanwhile (in order, sent together). */
  #writing: { readonly updateId: number; readonly changes: readonly StatusChange[] } | undefined;
  readonly #fencing = new Map<string, number>();
  #queued: StatusChange[] = [];
  /** After a refusal the queue waits for the next tick (the CIB is syncing or moved on). */
  #held = false;
  #recomputeOnTick = false;
  #transition: Transition | undefined;
  #dirty = true;
  readonly #awaitedFailures = new AwaitedFailures(failureWaitMs);
  /** When the scheduler runs again with nothing changed (recheck-by, cluster-recheck-interval). */
  #recheckAtMs: number | undefined;
  /** Transitions run in this term (for figures and tests). */
  transitionsRun = 0;

  constructor(
    readonly config: ControllerConfig,
    private readonly env: {
      readonly outbox: Outbox<ControllerEffect>;
      readonly nextUpdateId: () => number;
      readonly nextTransitionId: () => number;
      readonly cib: () => XmlElement | undefined;
      readonly nowMs: () => number;
    },
    joinId: number,
  ) {
    this.#joinId = joinId;
  }

  get joinId(): number {
    return this.#joinId;
  }

  /** True when the status is rebuilt, no transition runs and nothing is left to schedule. */
  get idle(): boolean {
    return (
      this.#phase === "ready" &&
      this.#transition === undefined &&
      !this.#dirty &&
      !this.#recomputeOnTick &&
      !this.#writesPending
    );
  }

  get transition(): Transition | undefined {
    return this.#transition;
  }

  /** Opens a join round for these members (at election and after every membership change). */
  startJoin(members: readonly NodeId[], joinId: number): void {
    this.#joinId = joinId;
    this.#phase = "joining";
    this.#waiting.clear();
    this.#histories.clear();
    for (const member of members) this.#waiting.add(member);
    const lost = new Set(this.config.nodes.map((node) => node.name));
    for (const member of members) lost.delete(this.#name(member));
    this.#transition?.abort();
    for (const name of lost) this.#loseActionsOn(name);
    this.#send({ kind: "join_offer", joinId });
    this.#finishTransitionIfDone();
  }

  joinRequested(sender: NodeId, report: JoinReport & { readonly joinId: number }): void {
    const { joinId } = report;
    if (this.#phase !== "joining" || joinId !== this.#joinId || !this.#waiting.has(sender)) return;
    this.#waiting.delete(sender);
    this.#histories.set(sender, report);
    if (this.#waiting.size > 0) return;
    // Members report their results before their join request: what has not reported by now
    // never will (the member restarted), and its history says what happened.
    this.#loseRunningActions();
    this.#completeJoin();
  }

  /** Writes the join's status once every earlier write is in the CIB it is computed from. */
  #completeJoin(): void {
    const cib = this.env.cib();
    if (this.#phase !== "joining" || this.#waiting.size > 0 || this.#writesPending) return;
    if (cib === undefined) return;
    this.#phase = "writing_join";
    this.#write(joinChanges(cib, { config: this.config, histories: this.#histories }));
  }

  cibChanged(): void {
    this.#dirty = true;
    this.#maybeSchedule();
  }

  cibUpdated(updateId: number, ok: boolean): void {
    const writing = this.#writing;
    if (writing?.updateId !== updateId) return;
    this.#writing = undefined;
    if (!ok) {
      // Refused (a sync round, a conflicting write): made again next tick, still first in line.
      this.#queued = [...writing.changes, ...this.#queued];
      this.#held = true;
      return;
    }
    this.#flush();
    if (this.#phase === "writing_join" && !this.#writesPending) this.#phase = "ready";
    this.#completeJoin();
    this.#maybeSchedule();
  }

  actionResult(sender: NodeId, message: ActionResultMessage): void {
    this.#updateJoinReport(sender, message);
    const node = this.#name(sender);
    const cib = this.env.cib();
    const changes: StatusChange[] = [];
    if (message.records.length > 0) {
      changes.push({
        kind: "record_op",
        nodeId: String(sender),
        name: node,
        resource: message.resource,
        agent: message.agent,
        records: message.records,
      });
      this.#write(changes);
      if (cib !== undefined && message.records.some(isFailureRecord)) {
        this.#countFailure(sender, message);
      }
    }
    const transition = this.#transition;
    if (
      transition !== undefined &&
      message.transition === transition.id &&
      transition.isRunning(message.actionId)
    ) {
      transition.complete(message.actionId, message.expected);
    } else if (!message.expected) {
      transition?.abort();
    }
    this.#advance();
  }

  /** As update_failcount: the failure's attributes go to attrd, the scheduler waits for them. */
  #countFailure(sender: NodeId, message: ActionResultMessage): void {
    const cib = this.env.cib();
    if (cib === undefined) return;
    const nowMs = this.env.nowMs();
    const values = failureAttributes(cib, { records: message.records, nowMs });
    if (values === undefined) return;
    this.env.outbox.push({ kind: "attribute_update", node: this.#name(sender), values });
    this.#awaitedFailures.add(String(sender), values, nowMs);
  }

  /**
   * A result that comes after the member's join request is newer than the history it reported:
   * the join's status (written later) must hold it too.
   */
  #updateJoinReport(sender: NodeId, message: ActionResultMessage): void {
    const report = this.#histories.get(sender);
    if (report === undefined || message.records.length === 0) return;
    const current = report.history.find((entry) => entry.id === message.resource);
    const updated = withRecords(
      current,
      { id: message.resource, agent: message.agent },
      message.records,
    );
    const history =
      current === undefined
        ? [...report.history, updated]
        : report.history.map((entry) => (entry === current ? updated : entry));
    this.#histories.set(sender, { ...report, history });
  }

  fenced(target: string, ok: boolean): void {
    const actionId = this.#fencing.get(target);
    this.#fencing.delete(target);
    if (ok) {
      const nodeId = String(
        this.config.nodes.find((node) => node.name === target)?.nodeId ?? target,
      );
      this.#write([
        {
          kind: "node_state",
          nodeId,
          name: target,
          attributes: { in_ccm: "false", crmd: "offline", join: "down", expected: "down" },
        },
        { kind: "clear_node", nodeId, name: target },
      ]);
    }
    const transition = this.#transition;
    if (actionId !== undefined && transition?.isRunning(actionId) === true)
      transition.complete(actionId, ok);
    this.#advance();
  }

  shutdownRequested(sender: NodeId): void {
    const seconds = String(Math.floor(this.env.nowMs() / 1000));
    this.#write([
      {
        kind: "set_attributes",
        nodeId: String(sender),
        name: this.#name(sender),
        attributes: { shutdown: seconds },
      },
    ]);
  }

  /** A tick: refused writes are made again, an aborted transition is recomputed. */
  ticked(): void {
    if (this.#recheckAtMs !== undefined && this.env.nowMs() >= this.#recheckAtMs) {
      // The recheck is due (a failure expires, a rule flips, cluster-recheck-interval).
      this.#recheckAtMs = undefined;
      this.#dirty = true;
    }
    if (this.#recomputeOnTick) {
      this.#recomputeOnTick = false;
      this.#dirty = true;
    }
    if (this.#held) {
      this.#held = false;
      this.#flush();
    }
    this.#maybeSchedule();
  }

  /** When the scheduler runs again with nothing changed (ms since the epoch). */
  get recheckAtMs(): number | undefined {
    return this.#recheckAtMs;
  }

  #name(nodeId: NodeId): string {
    return this.config.nodes.find((node) => node.nodeId === nodeId)?.name ?? String(nodeId);
  }

  #nodeId(name: string): NodeId | undefined {
    return this.config.nodes.find((node) => node.name === name)?.nodeId;
  }

  #send(message: ControllerMessage, to?: NodeId): void {
    const payload = encodeControllerMessage(message);
    this.env.outbox.push(
      to === undefined ? { kind: "send", payload } : { kind: "send", payload, to },
    );
  }

  get #writesPending(): boolean {
    return this.#writing !== undefined || this.#queued.length > 0;
  }

  /** One write in flight at a time; changes made meanwhile go out together after it. */
  #write(changes: readonly StatusChange[]): void {
    this.#queued.push(...changes);
    this.#flush();
  }

  #flush(): void {
    if (this.#writing !== undefined || this.#held || this.#queued.length === 0) return;
    const changes = this.#queued;
    this.#queued = [];
    this.#writing = { updateId: this.env.nextUpdateId(), changes };
    this.env.outbox.push({ kind: "cib_update", updateId: this.#writing.updateId, changes });
  }

  /** Runs the scheduler once the status holds every write made (no transition running). */
  #maybeSchedule(): void {
    if (this.#phase !== "ready" || this.#transition !== undefined || !this.#dirty) return;
    if (this.#writesPending) return;
    const cib = this.env.cib();
    if (cib === undefined) return;
    const nowMs = this.env.nowMs();
    const held = (nodeId: string, name: string): string | undefined =>
      transientAttributes(cib, nodeId).get(name);
    if (this.#awaitedFailures.pending(held, nowMs)) return;
    this.#dirty = false;
    const result = schedule(cib, { now: String(Math.floor(nowMs / 1000)) });
    this.#recheckAtMs = recheckAtMs(cib, { nowMs, recheckBy: result.recheckBy });
    if (result.model === undefined || result.graph.actions.length === 0) return;
    this.#transition = new Transition(
      this.env.nextTransitionId(),
      result.graph,
      result.model,
      actionLimits(result.model.options.all, this.config.cores),
    );
    this.transitionsRun += 1;
    this.env.outbox.push({
      kind: "log",
      level: "notice",
      message: `Transition ${this.#transition.id}: ${result.graph.actions.length} actions`,
    });
    this.#advance();
  }

  #advance(): void {
    const transition = this.#transition;
    if (transition === undefined) return this.#maybeSchedule();
    for (let ready = transition.takeReady(); ready.length > 0; ready = transition.takeReady()) {
      for (const action of ready) this.#initiate(transition, action);
    }
    this.#finishTransitionIfDone();
  }

  #finishTransitionIfDone(): void {
    const transition = this.#transition;
    if (transition === undefined || !transition.finished) return;
    this.#transition = undefined;
    // An aborted transition is recomputed at the next tick, so that an action that fails at
    // once cannot spin the scheduler within one step.
    // A transition that succeeded changed the CIB with its results (which set dirty).
    if (!transition.succeeded) this.#recomputeOnTick = true;
    this.env.outbox.push({
      kind: "log",
      level: "notice",
      message: `Transition ${transition.id} ${transition.succeeded ? "complete" : "aborted"}`,
    });
    this.#maybeSchedule();
  }

  #initiate(transition: Transition, action: GraphAction): void {
    if (action.task === "stonith" && action.node !== undefined) {
      this.#fencing.set(action.node, action.id);
      this.env.outbox.push({
        kind: "fence",
        target: action.node,
        action: action.meta["stonith_action"] ?? "reboot",
      });
      return;
    }
    if (action.pseudo || action.resource === undefined || action.node === undefined) {
      transition.complete(action.id, true);
      return;
    }
    if (action.task === "clear_failcount" || action.task === "lrm_delete")
      return this.#clusterAction(transition, {
        ...action,
        resource: action.resource,
        node: action.node,
      });
    const target = this.#nodeId(action.node);
    const request = execRequest(action, transition, String(this.config.nodeId));
    if (target === undefined || request === undefined) {
      this.env.outbox.push({
        kind: "log",
        level: "warning",
        message: `Cannot carry out ${action.key} on ${action.node}`,
      });
      transition.complete(action.id, false);
      return;
    }
    this.#send(
      { kind: "action", target, transition: transition.id, actionId: action.id, request },
      target,
    );
  }

  /**
   * Actions the DC carries out itself: clear_failcount through attrd (an expired failure), and
   * lrm_delete, erasing the resource's history on the node (its controller forgets it too).
   */
  #clusterAction(
    transition: Transition,
    action: GraphAction & { readonly resource: string; readonly node: string },
  ): void {
    const resource = action.resource.replace(/:\d+$/, "");
    if (action.task === "clear_failcount") {
      this.env.outbox.push({ kind: "failures_clear", node: action.node, resource });
    } else {
      const nodeId = String(this.#nodeId(action.node) ?? action.node);
      this.#write([{ kind: "delete_history", nodeId, name: action.node, resource }]);
    }
    transition.complete(action.id, true);
  }

  #loseRunningActions(): void {
    const transition = this.#transition;
    if (transition === undefined) return;
    for (const action of transition.graph.actions) {
      if (action.task !== "stonith" && transition.isRunning(action.id))
        transition.complete(action.id, false);
    }
    this.#finishTransitionIfDone();
  }

  /** Actions running on a node that left never report: they count as failed. */
  #loseActionsOn(name: string): void {
    const transition = this.#transition;
    if (transition === undefined) return;
    for (const action of transition.runningOn(name)) {
      // Fencing a lost node is what the graph wants; only its resource actions are lost.
      if (action.task !== "stonith") transition.complete(action.id, false);
    }
  }
}
