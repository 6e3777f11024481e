import { fail, ok } from "../../backend/base/index.js";
import type { Result } from "../../backend/base/index.js";
import type { NodeAttribute } from "../../backend/protocol/index.js";
import { CoreFeeder } from "../kernel/index.js";
import type { NodeId } from "../kernel/index.js";
import type {
  ClientIdentity,
  ClusterBus,
  LocalCib,
  Log,
  NodeSetup,
  RunningNode,
} from "../node/index.js";
import { clusterDaemonIdentity } from "../node/index.js";
import { addAttributeHandlers } from "./handlers.js";
import { applyTransientValues, clearTransientValues } from "./cib-attributes.js";
import { Attrd } from "./core.js";
import { attrdConfig, attrdGroup } from "./core-types.js";
import type {
  AttrdEffect,
  AttrdInput,
  AttrdNode,
  AttrdReply,
  AttributeChange,
} from "./core-types.js";

export interface AttrdHostEnv {
  readonly localNodeId: NodeId;
  readonly nodes: readonly AttrdNode[];
  readonly tickMs: number;
  readonly bus: ClusterBus;
  readonly cib: LocalCib;
  /** The identity attrd writes the CIB with (the cluster's own daemons). */
  readonly identity: ClientIdentity;
  readonly log: Log;
}

/** What the controller, agents and clients use of attrd. */
export interface AttributeManager {
  /** Sets (or with null deletes) a transient attribute once every member holds it. */
  updateAttribute(
    node: string,
    name: string,
    value: string | null,
    options?: { readonly dampenMs?: number },
  ): Promise<Result<void, "attribute_refused">>;
  /** Sets several values of one node together (one CIB write); `value++` increments. */
  updateAttributes(
    node: string,
    values: readonly AttributeChange[],
  ): Promise<Result<void, "attribute_refused">>;
  /** Deletes a node's fail-count-RSC… and last-failure-RSC… values (crm_resource -C). */
  clearFailures(node: string, resource: string): Promise<Result<void, "attribute_refused">>;
  query(node: string, name: string): string | undefined;
  values(node?: string): NodeAttribute[];
}

/** Runs the Attrd core on a node: the attrd group in, CIB writes and replies out. */
export class AttrdHost implements AttributeManager {
  readonly #feeder: CoreFeeder<AttrdInput, AttrdEffect>;
  readonly core: Attrd;
  readonly #settles = new Map<string, (reply: AttrdReply) => void>();
  #nextRequest = 1;
  #timer: NodeJS.Timeout | undefined;

  constructor(readonly env: AttrdHostEnv) {
    this.core = new Attrd(attrdConfig(env.localNodeId, env.nodes, env.tickMs));
    this.#feeder = new CoreFeeder(this.core, (effect) => this.#perform(effect));
  }

  start(): void {
    this.env.bus.joinGroup(attrdGroup, {
      delivered: (message) =>
        this.#feed({ kind: "delivered", sender: message.sender, payload: message.payload }),
      changed: (change) =>
        this.#feed({
          kind: "group_changed",
          members: change.members,
          joined: change.joined.map((entry) => entry.nodeId),
          left: change.left.map((entry) => entry.nodeId),
        }),
    });
    this.#timer = setInterval(() => this.#feed({ kind: "tick" }), this.env.tickMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.env.bus.leaveGroup(attrdGroup);
    for (const settle of this.#settles.values())
      settle({ ok: false, message: "The attribute manager stopped" });
    this.#settles.clear();
  }

  updateAttribute(
    node: string,
    name: string,
    value: string | null,
    options: { readonly dampenMs?: number } = {},
  ): Promise<Result<void, "attribute_refused">> {
    const dampen = options.dampenMs === undefined ? {} : { dampenMs: options.dampenMs };
    return this.#request((requestId) => ({
      kind: "update_requested",
      requestId,
      node,
      name,
      value,
      ...dampen,
    }));
  }

  updateAttributes(
    node: string,
    values: readonly AttributeChange[],
  ): Promise<Result<void, "attribute_refused">> {
    return this.#request((requestId) => ({ kind: "updates_requested", requestId, node, values }));
  }

  clearFailures(node: string, resource: string): Promise<Result<void, "attribute_refused">> {
    return this.#request((requestId) => ({
      kind: "failures_clear_requested",
      requestId,
      node,
      resource,
    }));
  }

  #request(input: (requestId: string) => AttrdInput): Promise<Result<void, "attribute_refused">> {
    const requestId = `attrd-${this.#nextRequest++}`;
    return new Promise((resolve) => {
      this.#settles.set(requestId, (reply) =>
        resolve(
          reply.ok ? ok(undefined) : fail([{ code: "attribute_refused", message: reply.message }]),
        ),
      );
      this.#feed(input(requestId));
    });
  }

  query(node: string, name: string): string | undefined {
    return this.core.value(node, name);
  }

  values(node?: string): NodeAttribute[] {
    return this.core.values(node);
  }

  /** Inputs raised while effects are performed (a broadcast delivered at once) wait their turn. */
  #feed(input: AttrdInput): void {
    this.#feeder.feed(input);
  }

  #perform(effect: AttrdEffect): void {
    switch (effect.kind) {
      case "broadcast":
        this.env.bus.broadcast(attrdGroup, effect.payload);
        return;
      case "reply":
        this.#settles.get(effect.requestId)?.(effect.reply);
        this.#settles.delete(effect.requestId);
        return;
      case "write":
        this.#write(effect.writeId, (copy) => applyTransientValues(copy, effect.values));
        return;
      case "clear_node":
        this.env.log.write("notice", "attrd", `Removing all ${effect.node} attributes`);
        this.#write(effect.writeId, (copy) => clearTransientValues(copy, effect.nodeId));
        return;
      case "changed":
        this.env.log.write(
          "info",
          "attrd",
          `Setting ${effect.name}[${effect.node}]: ${effect.value ?? "(unset)"}`,
        );
        return;
      case "warn":
        this.env.log.write("warning", "attrd", effect.message);
        return;
    }
  }

  #write(
    writeId: number,
    change: (copy: Parameters<typeof applyTransientValues>[0]) => void,
  ): void {
    const written = this.env.cib.write((copy) => {
      change(copy);
      return copy;
    }, this.env.identity);
    void written.then((result) => {
      if (!result.ok) {
        const reason = result.issues[0]?.message ?? "refused";
        this.env.log.write("warning", "attrd", `Could not write attributes to the CIB: ${reason}`);
      }
      this.#feed({ kind: "write_completed", writeId, ok: result.ok });
    });
  }
}

/** attrd's tick: dampening delays and request timeouts are counted in these. */
export const attrdTickMs = 50;

/** Starts attrd on a running node and serves the attribute requests of its client channel. */
export function startAttrd(node: RunningNode, setup: NodeSetup, log: Log): AttrdHost {
  const nodes = setup.nodes.map((entry) => ({ nodeId: entry.nodeid, name: entry.name }));
  const host = new AttrdHost({
    localNodeId: setup.local.nodeid,
    nodes,
    tickMs: attrdTickMs,
    bus: node.bus,
    cib: node.cib,
    identity: clusterDaemonIdentity,
    log,
  });
  host.start();
  addAttributeHandlers(node.handlers, { attrd: host, cib: node.cib, nodes });
  return host;
}
