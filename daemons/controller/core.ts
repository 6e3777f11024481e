/**
 * The controller core (Pacemaker's pacemaker-controld), pure: DC election, the member side of
 * join, running the DC's actions on the local executor, and the local reaction to quorum loss
 * and shutdown. The DC's own work (join rounds, transitions) is the DcRole it holds while DC.
 *
 * Election: the DC is the lowest nodeid among the members of a quorate view. Every member
 * computes it from the same agreed view, so a view has at most one DC and a new one is chosen
 * the moment the old one leaves (no dc-deadtime wait). A join round waits for the members of
 * the controller group in that view.
 */
import { childElements, firstChild, type XmlElement } from "../../backend/cib/index.js";
import { Outbox, ringIdText, sortedNodeIds, type NodeId, type RingId } from "../kernel/index.js";
import { LocalResources, type LocalResult } from "./core-local.js";
import { DcRole } from "./core-dc.js";
import type { ControllerConfig, ControllerEffect, ControllerInput } from "./core-types.js";
import {
  decodeControllerMessage,
  encodeControllerMessage,
  type ControllerMessage,
} from "./wire.js";

export class Controller {
  readonly #outbox = new Outbox<ControllerEffect>();
  readonly local: LocalResources;
  #nowMs = 0;
  #ringId: RingId | undefined;
  /** Members of the controller group (whose join requests a join round waits for). */
  #members: readonly NodeId[] = [];
  /** Members of the membership view: the DC is chosen among them. */
  #viewMembers: readonly NodeId[] = [];
  #quorate = false;
  #cib: XmlElement | undefined;
  #dc: NodeId | undefined;
  #role: DcRole | undefined;
  #joinCounter = 0;
  #updateCounter = 0;
  #transitionCounter = 0;
  #pendingJoin: { readonly dc: NodeId; readonly joinId: number } | undefined;
  #shuttingDown = false;
  #shutdownReady = false;

  constructor(readonly config: ControllerConfig) {
    this.local = new LocalResources(this.#outbox, {
      node: this.#name(config.nodeId),
      nodeId: config.nodeId,
      featureSet: config.featureSet,
    });
  }

  /** The DC this node recognises (undefined without quorum). */
  get dc(): NodeId | undefined {
    return this.#dc;
  }

  get ringId(): RingId | undefined {
    return this.#ringId;
  }

  /** The DC role while this node is DC. */
  get role(): DcRole | undefined {
    return this.#role;
  }

  step(input: ControllerInput): void {
    this.#dispatch(input);
    this.#afterLocalChange();
  }

  #dispatch(input: ControllerInput): void {
    switch (input.kind) {
      case "tick":
        return this.#onTick(input.nowMs);
      case "group_changed":
        this.#ringId = input.ringId;
        this.#members = sortedNodeIds(input.members);
        return this.#elect(true);
      case "view_installed":
        this.#ringId = input.ringId;
        this.#viewMembers = sortedNodeIds(input.members);
        return this.#elect(true);
      case "quorum_changed":
        this.#quorate = input.quorate;
        return this.#elect(false);
      case "delivered":
        return this.#onDelivered(input.sender, input.payload);
      case "cib_changed":
        this.#cib = input.cib;
        this.local.cibChanged(input.cib);
        return this.#role?.cibChanged();
      case "cib_updated":
        return this.#role?.cibUpdated(input.updateId, input.ok);
      case "executed":
        return this.#report(this.local.executed(input.callId, input.result, this.#nowMs));
      case "recurring_result":
        return this.#report(
          this.local.recurringResult(input.resource, input.intervalMs, input.result, this.#nowMs),
        );
      case "fenced":
        return this.#role?.fenced(input.target, input.ok);
      case "shutdown_requested":
        this.#shuttingDown = true;
        return this.#requestShutdown();
    }
  }

  drain(): readonly ControllerEffect[] {
    return this.#outbox.drain();
  }

  #name(nodeId: NodeId): string {
    return this.config.nodes.find((node) => node.nodeId === nodeId)?.name ?? String(nodeId);
  }

  #onTick(nowMs: number): void {
    this.#nowMs = nowMs;
    this.#role?.ticked();
  }

  /** Chooses the DC of the current view; a membership change starts a new join round. */
  #elect(membershipChanged: boolean): void {
    const self = this.config.nodeId;
    const dc = this.#quorate && this.#viewMembers.includes(self) ? this.#viewMembers[0] : undefined;
    if (dc !== this.#dc) {
      this.#dc = dc;
      this.#pendingJoin = undefined;
      this.#role = undefined;
      this.#outbox.push({
        kind: "log",
        level: "notice",
        message:
          dc === undefined
            ? "No DC (no quorum)"
            : `DC is node ${this.#name(dc)} in ring ${this.#ringId === undefined ? "-" : ringIdText(this.#ringId)}`,
      });
      if (dc === self) this.#role = this.#newRole();
      if (this.#shuttingDown) this.#requestShutdown();
    } else if (!membershipChanged || this.#role === undefined) {
      return;
    }
    this.#joinCounter += 1;
    const view = new Set(this.#viewMembers);
    this.#role?.startJoin(
      // The DC's own controller runs, whatever the last group change of this ring said.
      sortedNodeIds([self, ...this.#members.filter((member) => view.has(member))]),
      this.#joinCounter,
    );
  }

  #newRole(): DcRole {
    return new DcRole(
      this.config,
      {
        outbox: this.#outbox,
        nextUpdateId: () => (this.#updateCounter += 1),
        nextTransitionId: () => (this.#transitionCounter += 1),
        cib: () => this.#cib,
        nowMs: () => this.#nowMs,
      },
      this.#joinCounter,
    );
  }

  #onDelivered(sender: NodeId, payload: string): void {
    const decoded = decodeControllerMessage(payload);
    if (!decoded.ok) {
      this.#outbox.push({
        kind: "log",
        level: "warning",
        message: `Dropped a malformed message from node ${sender}`,
      });
      return;
    }
    const message = decoded.value;
    switch (message.kind) {
      case "join_offer":
        if (sender !== this.#dc) return;
        this.#pendingJoin = { dc: sender, joinId: message.joinId };
        return;
      case "join_request":
        return this.#role?.joinRequested(sender, message);
      case "action":
        return this.#onAction(sender, message);
      case "action_result":
        return this.#role?.actionResult(sender, message);
      case "shutdown_request":
        return this.#role?.shutdownRequested(sender);
    }
  }

  #onAction(sender: NodeId, message: Extract<ControllerMessage, { kind: "action" }>): void {
    if (message.target !== this.config.nodeId) return;
    const { operation } = message.request;
    const starts = operation === "start" || operation === "promote";
    if (sender !== this.#dc || (starts && !this.#quorate)) {
      // Refused: not our DC, or no quorum to start anything. The DC aborts and recomputes.
      this.#send(
        {
          kind: "action_result",
          transition: message.transition,
          actionId: message.actionId,
          resource: message.request.resource,
          agent: message.request.agent,
          records: [],
          expected: false,
        },
        sender,
      );
      return;
    }
    this.local.run(message.request, {
      dc: sender,
      transition: message.transition,
      actionId: message.actionId,
    });
  }

  /** Sends a result to the DC that asked (or the current DC for local and recurring runs). */
  #report(result: LocalResult | undefined): void {
    if (result !== undefined) {
      const dc = result.origin?.dc ?? this.#dc;
      if (dc !== undefined) {
        this.#send(
          {
            kind: "action_result",
            transition: result.origin?.transition ?? -1,
            actionId: result.origin?.actionId ?? -1,
            resource: result.request.resource,
            agent: result.request.agent,
            records: result.records,
            expected: result.expected,
          },
          dc,
        );
      }
    }
  }

  /** Joins once nothing runs locally; stops everything without quorum or when shutting down. */
  #afterLocalChange(): void {
    const pending = this.#pendingJoin;
    if (pending !== undefined && !this.local.busy) {
      this.#pendingJoin = undefined;
      this.#send(
        {
          kind: "join_request",
          joinId: pending.joinId,
          shuttingDown: this.#shuttingDown,
          history: this.local.history(),
        },
        pending.dc,
      );
    }
    const noQuorumStop =
      !this.#quorate && this.#noQuorumPolicy() !== "freeze" && this.#noQuorumPolicy() !== "ignore";
    if (noQuorumStop || (this.#shuttingDown && this.#dc === undefined)) this.local.stopAll();
    if (
      this.#shuttingDown &&
      !this.#shutdownReady &&
      !this.local.busy &&
      this.local.active().length === 0
    ) {
      this.#shutdownReady = true;
      this.#outbox.push({ kind: "shutdown_ready" });
    }
  }

  #requestShutdown(): void {
    if (this.#dc !== undefined) this.#send({ kind: "shutdown_request" }, this.#dc);
  }

  #send(message: ControllerMessage, to?: NodeId): void {
    const payload = encodeControllerMessage(message);
    this.#outbox.push(to === undefined ? { kind: "send", payload } : { kind: "send", payload, to });
  }

  #noQuorumPolicy(): string {
    const configuration =
      this.#cib === undefined ? undefined : firstChild(this.#cib, "configuration");
    const crmConfig =
      configuration === undefined ? undefined : firstChild(configuration, "crm_config");
    for (const set of crmConfig === undefined
      ? []
      : childElements(crmConfig, "cluster_property_set")) {
      const pair = childElements(set, "nvpair").find(
        (entry) => entry.attributes["name"] === "no-quorum-policy",
      );
      if (pair !== undefined) return pair.attributes["value"] ?? "stop";
    }
    return "stop";
  }
}
