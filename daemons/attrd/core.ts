import { assert } from "../../backend/base/index.js";
import { Outbox } from "../kernel/index.js";
import type { NodeId } from "../kernel/index.js";
import type { AttrdConfig, AttrdEffect, AttrdInput, AttributeWriteValue } from "./core-types.js";
import { expandValue, failureAttributeMatcher } from "./values.js";
import {
  overlayPending,
  requestedValues,
  requestMessage,
  type PendingUpdate,
  type UpdateRequested,
} from "./requests.js";
import { decodeAttrdMessage, encodeAttrdMessage } from "./wire.js";
import type { AttrdMessage, SyncedValue } from "./wire.js";

/** One attribute name across nodes, as Pacemaker's attrd holds it (one dampening per name). */
interface AttributeState {
  readonly name: string;
  dampenTicks: number;
  /** null: deleted here, the writer still has to remove it from the status section. */
  readonly values: Map<string, string | null>;
  version: number;
  /** Version the status section is known to hold (writer only; -1: unknown). */
  writtenVersion: number;
  /** Tick at which the value is written (dampening restarts it on every change). */
  dueTick: number | undefined;
  /** Version being written by the write in flight. */
  writingVersion: number | undefined;
}

type Delivered = Extract<AttrdInput, { kind: "delivered" }>;
type GroupChanged = Extract<AttrdInput, { kind: "group_changed" }>;
type ValueMessage = Extract<AttrdMessage, { kind: "update" | "updates" | "clear_failures" }>;

/**
 * The attribute manager (pacemaker-attrd): every member holds every node's transient
 * attributes, updated in the attrd group's agreed order; the writer (lowest nodeid member)
 * writes them into the status section after their dampening delay. Pure: no I/O, no clock.
 */
export class Attrd {
  readonly #outbox = new Outbox<AttrdEffect>();
  readonly #attributes = new Map<string, AttributeState>();
  readonly #nodeIdByName: ReadonlyMap<string, NodeId>;
  readonly #nameByNodeId: ReadonlyMap<NodeId, string>;
  /** Local requests waiting for their update to come back, by request id → expiry tick. */
  readonly #pending = new Map<string, PendingUpdate>();
  /** Writes in flight: attribute names and versions, or a node whose attributes are cleared. */
  readonly #writes = new Map<number, readonly (readonly [string, number])[] | string>();
  /** Nodes whose transient attributes the writer must still clear, with the retry tick. */
  readonly #clearsDue = new Map<string, number>();
  #members: readonly NodeId[] = [];
  #now = 0;
  #nextWriteId = 1;
  #valueCount = 0;

  constructor(readonly config: AttrdConfig) {
    this.#nodeIdByName = new Map(config.nodes.map((node) => [node.name, node.nodeId]));
    this.#nameByNodeId = new Map(config.nodes.map((node) => [node.nodeId, node.name]));
    assert(this.#nameByNodeId.has(config.localNodeId), "the local node is in the node list");
  }

  get localName(): string {
    return this.#nameByNodeId.get(this.config.localNodeId) ?? "";
  }

  /** The member that writes to the CIB: the lowest nodeid in the attrd group. */
  get writer(): NodeId | undefined {
    return this.#members[0];
  }

  get isWriter(): boolean {
    return this.writer === this.config.localNodeId;
  }

  get members(): readonly NodeId[] {
    return this.#members;
  }

  /** A node's value as this member holds it. */
  value(node: string, name: string): string | undefined {
    return this.#attributes.get(name)?.values.get(node) ?? undefined;
  }

  /** Every value held (of one node when given), sorted by node then name. */
  values(node?: string): { node: string; name: string; value: string }[] {
    const found: { node: string; name: string; value: string }[] = [];
    for (const attribute of this.#attributes.values()) {
      for (const [holder, value] of attribute.values) {
        if (value === null || (node !== undefined && holder !== node)) continue;
        found.push({ node: holder, name: attribute.name, value });
      }
    }
    return found.sort(
      (left, right) => left.node.localeCompare(right.node) || left.name.localeCompare(right.name),
    );
  }

  /** Local requests not yet delivered back through the group. */
  get requestsPending(): number {
    return this.#pending.size;
  }

  /** True when the status section holds every value (writer) and nothing is pending. */
  get settled(): boolean {
    if (this.#writes.size > 0) return false;
    if (!this.isWriter) return true;
    if (this.#clearsDue.size > 0) return false;
    return [...this.#attributes.values()].every((entry) => entry.writtenVersion === entry.version);
  }

  step(input: AttrdInput): void {
    switch (input.kind) {
      case "tick":
        this.#now += 1;
        this.#expireRequests();
        break;
      case "update_requested":
      case "updates_requested":
      case "failures_clear_requested":
        this.#onUpdateRequested(input);
        break;
      case "group_changed":
        this.#onGroupChanged(input);
        break;
      case "delivered":
        this.#onDelivered(input);
        break;
      case "write_completed":
        this.#onWriteCompleted(input.writeId, input.ok);
        break;
    }
    this.#flush();
  }

  drain(): readonly AttrdEffect[] {
    return this.#outbox.drain();
  }

  #ticksOf(ms: number): number {
    return ms <= 0 ? 0 : Math.ceil(ms / this.config.tickMs);
  }

  #onUpdateRequested(input: UpdateRequested): void {
    const refuse = (message: string): void =>
      this.#outbox.push({
        kind: "reply",
        requestId: input.requestId,
        reply: { ok: false, message },
      });
    if (!this.#nodeIdByName.has(input.node)) return refuse(`Unknown node "${input.node}"`);
    const values = requestedValues(input);
    if (values.some((entry) => entry.name === "")) return refuse("The attribute name is empty");
    const added = values.filter(
      (entry) => entry.value !== null && this.value(input.node, entry.name) === undefined,
    ).length;
    if (added > 0 && this.#valueCount + added > this.config.valuesMax)
      return refuse(`Attribute limit reached (${this.config.valuesMax} values)`);
    const clearFailuresOf = input.kind === "failures_clear_requested" ? input.resource : undefined;
    this.#pending.set(input.requestId, {
      node: input.node,
      values,
      ...(clearFailuresOf === undefined ? {} : { clearFailuresOf }),
      expiryTick: this.#now + this.config.requestTimeoutTicks,
    });
    const message = requestMessage(input);
    this.#outbox.push({ kind: "broadcast", payload: encodeAttrdMessage(message) });
  }

  #expireRequests(): void {
    for (const [requestId, pending] of this.#pending) {
      if (pending.expiryTick > this.#now) continue;
      this.#pending.delete(requestId);
      const message = "The update was not delivered to the attrd group in time";
      this.#outbox.push({ kind: "reply", requestId, reply: { ok: false, message } });
    }
  }

  #onDelivered(input: Delivered): void {
    const decoded = decodeAttrdMessage(input.payload);
    if (!decoded.ok) {
      const reason = decoded.issues[0]?.message ?? "malformed";
      this.#outbox.push({
        kind: "warn",
        message: `Dropped attrd message from ${input.sender}: ${reason}`,
      });
      return;
    }
    const message = decoded.value;
    if (message.kind === "cleared") {
      if (input.sender !== this.config.localNodeId) this.#clearsDue.delete(message.node);
      return;
    }
    if (message.kind === "sync") {
      this.#applySync(input.sender, message.nodes, message.values);
      const senderName = this.#nameByNodeId.get(input.sender);
      if (message.joining && senderName !== undefined) this.#clearsDue.set(senderName, this.#now);
      // A group change somewhere: another writer may have changed the status section meanwhile
      // (an asymmetric partition), so the writer writes everything again (idempotent).
      if (message.answerWanted && this.isWriter && input.sender !== this.config.localNodeId)
        this.#forceFullWrite();
      // Clears a member still owes, told at a group change (answers may be stale by then).
      for (const node of message.answerWanted ? message.clears : [])
        if (this.#nodeIdByName.has(node) && !this.#clearsDue.has(node))
          this.#clearsDue.set(node, this.#now);
      const member = this.#members.includes(this.config.localNodeId);
      if (message.answerWanted && input.sender !== this.config.localNodeId && member)
        this.#broadcastSync({ answerWanted: false, joining: false });
      return;
    }
    if (!this.#nodeIdByName.has(message.node)) {
      this.#outbox.push({
        kind: "warn",
        message: `Ignored update for unknown node "${message.node}"`,
      });
    } else this.#applyMessage(message);
    if (input.sender !== this.config.localNodeId || message.requestId === undefined) return;
    if (this.#pending.delete(message.requestId))
      this.#outbox.push({ kind: "reply", requestId: message.requestId, reply: { ok: true } });
  }

  #applyMessage(message: ValueMessage): void {
    const { node } = message;
    if (message.kind === "clear_failures") {
      const matches = failureAttributeMatcher(message.resource);
      for (const attribute of [...this.#attributes.values()])
        if (matches(attribute.name) && attribute.values.get(node) != null)
          this.#applyValue(node, attribute.name, null);
      return;
    }
    const dampenMs = message.kind === "update" ? message.dampenMs : undefined;
    for (const { name, value } of message.kind === "update" ? [message] : message.values) {
      if (value === null && !this.#holds(node, name)) this.#deleteUnheld(node, name);
      else this.#applyValue(node, name, value, dampenMs);
    }
  }

  #attribute(name: string): AttributeState {
    let attribute = this.#attributes.get(name);
    if (attribute === undefined) {
      attribute = {
        name,
        dampenTicks: 0,
        values: new Map(),
        version: 0,
        writtenVersion: 0,
        dueTick: undefined,
        writingVersion: undefined,
      };
      this.#attributes.set(name, attribute);
    }
    return attribute;
  }

  #holds(node: string, name: string): boolean {
    return this.#attributes.get(name)?.values.has(node) === true;
  }

  /**
   * A deletion of a value attrd never held (another daemon wrote it to the status section):
   * the writer still removes it there, as attrd_updater -D does.
   */
  #deleteUnheld(node: string, name: string): void {
    const attribute = this.#attribute(name);
    attribute.values.set(node, null);
    attribute.version += 1;
    attribute.dueTick = this.#now;
  }

  /** Sets one value in memory; a change (re)starts the attribute's dampening timer. */
  #applyValue(node: string, name: string, value: string | null, dampenMs?: number): void {
    const attribute = this.#attribute(name);
    if (dampenMs !== undefined) attribute.dampenTicks = this.#ticksOf(dampenMs);
    const current = attribute.values.get(node) ?? null;
    value = value === null ? null : expandValue(value, current ?? undefined);
    if (current === value) return;
    if (current === null) this.#valueCount += 1;
    if (value === null) this.#valueCount -= 1;
    attribute.values.set(node, value);
    attribute.version += 1;
    attribute.dueTick = this.#now + attribute.dampenTicks;
    this.#outbox.push({ kind: "changed", node, name, value });
  }

  /**
   * A sender speaks for its own node, and (the writer) for nodes outside the group; a sync sent
   * before a merge may be delivered after it, so nodes that are members now speak for themselves.
   */
  #applySync(sender: NodeId, nodes: readonly string[], values: readonly SyncedValue[]): void {
    const spokenFor = (node: string): boolean => {
      const nodeId = this.#nodeIdByName.get(node);
      return nodeId !== undefined && (nodeId === sender || !this.#members.includes(nodeId));
    };
    const replaced = new Set(nodes.filter(spokenFor));
    const incoming = new Map<string, SyncedValue>();
    for (const entry of values) {
      if (replaced.has(entry.node)) incoming.set(`${entry.node}\u0000${entry.name}`, entry);
    }
    for (const attribute of [...this.#attributes.values()]) {
      for (const node of replaced) {
        if (incoming.has(`${node}\u0000${attribute.name}`)) continue;
        if (attribute.values.get(node) != null) this.#applyValue(node, attribute.name, null);
      }
    }
    for (const entry of incoming.values())
      this.#applyValue(entry.node, entry.name, entry.value, entry.dampenMs);
  }

  #onGroupChanged(input: GroupChanged): void {
    const wasWriter = this.isWriter;
    this.#members = [...input.members].sort((left, right) => left - right);
    for (const nodeId of input.left) this.#forgetNode(nodeId);
    for (const nodeId of this.#members) {
      // A member back before its clear could be written: clear now, then write its values again.
      const name = this.#nameByNodeId.get(nodeId);
      if (name === undefined || !this.#clearsDue.has(name)) continue;
      this.#clearsDue.set(name, this.#now);
    }
    if (!this.#members.includes(this.config.localNodeId)) return;
    if (this.isWriter && !wasWriter) {
      this.#forceFullWrite();
      // Clears the previous writer may not have made: nodes outside the group have none.
      for (const { nodeId, name } of this.config.nodes)
        if (!this.#members.includes(nodeId)) this.#clearsDue.set(name, this.#now);
    }
    // On a join every member offers its own values and asks for everyone else's: members need
    // not agree on who joined (a quick restart, an asymmetric merge), so each makes sure.
    const joining = input.joined.includes(this.config.localNodeId);
    if (input.joined.length > 0) this.#broadcastSync({ answerWanted: true, joining });
  }

  /** A node left: its values go from memory, and the writer clears them from the CIB. */
  #forgetNode(nodeId: NodeId): void {
    const node = this.#nameByNodeId.get(nodeId);
    if (node === undefined) return;
    for (const attribute of this.#attributes.values()) {
      const value = attribute.values.get(node);
      if (value === undefined) continue;
      attribute.values.delete(node);
      if (value !== null) {
        this.#valueCount -= 1;
        this.#outbox.push({ kind: "changed", node, name: attribute.name, value: null });
      }
    }
    // Every member remembers the clear, so a new writer makes it if this one could not.
    this.#clearsDue.set(node, this.#now);
  }

  #broadcastSync(flags: { readonly answerWanted: boolean; readonly joining: boolean }): void {
    const spoken = new Set([this.localName]);
    if (this.isWriter) {
      for (const { name, nodeId } of this.config.nodes)
        if (!this.#members.includes(nodeId)) spoken.add(name);
    }
    // What this node holds, with its own updates still in flight on top: they are delivered
    // before this sync (one sender's messages keep their order), which must not undo them.
    const held = new Map<string, SyncedValue | null>();
    for (const attribute of this.#attributes.values()) {
      const dampenMs = attribute.dampenTicks * this.config.tickMs;
      for (const [node, value] of attribute.values) {
        if (value === null || !spoken.has(node)) continue;
        held.set(`${node}\u0000${attribute.name}`, { node, name: attribute.name, value, dampenMs });
      }
    }
    const dampenMsOf = (name: string): number =>
      (this.#attributes.get(name)?.dampenTicks ?? 0) * this.config.tickMs;
    for (const pending of this.#pending.values())
      if (spoken.has(pending.node)) overlayPending(held, pending, dampenMsOf);
    const values = [...held.values()]
      .filter((entry) => entry !== null)
      .map(({ node, name, value, dampenMs }) => ({ node, name, value, dampenMs }));
    const nodes = [...spoken].sort();
    const clears = [...this.#clearsDue.keys()].sort();
    const message: AttrdMessage = { kind: "sync", nodes, values, clears, ...flags };
    this.#outbox.push({ kind: "broadcast", payload: encodeAttrdMessage(message) });
  }

  /** A new writer knows nothing of what was written: it writes it all. */
  #forceFullWrite(): void {
    for (const attribute of this.#attributes.values()) {
      attribute.writtenVersion = -1;
      attribute.dueTick = this.#now;
    }
  }

  #onWriteCompleted(writeId: number, succeeded: boolean): void {
    const write = this.#writes.get(writeId);
    if (write === undefined) return;
    this.#writes.delete(writeId);
    if (typeof write === "string") {
      if (succeeded) {
        const cleared: AttrdMessage = { kind: "cleared", node: write };
        this.#outbox.push({ kind: "broadcast", payload: encodeAttrdMessage(cleared) });
      } else this.#clearsDue.set(write, this.#now + this.config.writeRetryTicks);
      return;
    }
    for (const [name, version] of write) {
      const attribute = this.#attributes.get(name);
      if (attribute === undefined) continue;
      attribute.writingVersion = undefined;
      if (!succeeded) {
        attribute.dueTick = this.#now + this.config.writeRetryTicks;
        continue;
      }
      attribute.writtenVersion = Math.max(attribute.writtenVersion, version);
      if (attribute.version === version) this.#purgeDeleted(attribute);
    }
  }

  #purgeDeleted(attribute: AttributeState): void {
    for (const [node, value] of attribute.values) if (value === null) attribute.values.delete(node);
    if (attribute.values.size === 0) this.#attributes.delete(attribute.name);
  }

  /** Writer: emits the clears and the writes that are due, at most one write in flight per name. */
  #flush(): void {
    if (!this.isWriter) return;
    for (const [node, due] of this.#clearsDue) {
      const nodeId = this.#nodeIdByName.get(node);
      if (due > this.#now || nodeId === undefined) continue;
      this.#clearsDue.delete(node);
      const writeId = this.#nextWriteId++;
      this.#writes.set(writeId, node);
      this.#outbox.push({ kind: "clear_node", writeId, node, nodeId });
      this.#rewriteValuesOf(node);
    }
    const written: [string, number][] = [];
    const values: AttributeWriteValue[] = [];
    for (const attribute of this.#attributes.values()) {
      if (!this.#isDue(attribute)) continue;
      attribute.writingVersion = attribute.version;
      written.push([attribute.name, attribute.version]);
      for (const [node, value] of attribute.values) {
        const nodeId = this.#nodeIdByName.get(node);
        if (nodeId !== undefined) values.push({ node, nodeId, name: attribute.name, value });
      }
    }
    if (written.length === 0) return;
    const writeId = this.#nextWriteId++;
    this.#writes.set(writeId, written);
    this.#outbox.push({ kind: "write", writeId, values });
  }

  /** After a clear, the values attrd holds for the node (set while it was away) go back. */
  #rewriteValuesOf(node: string): void {
    for (const attribute of this.#attributes.values()) {
      if (attribute.values.get(node) == null) continue;
      attribute.version += 1;
      attribute.dueTick = this.#now;
    }
  }

  #isDue(attribute: AttributeState): boolean {
    if (attribute.writingVersion !== undefined) return false;
    if (attribute.writtenVersion === attribute.version) return false;
    return attribute.dueTick !== undefined && attribute.dueTick <= this.#now;
  }
}
