import { assert } from "../../backend/base/index.js";
import {
  CibReplica,
  compareVersions,
  versionText,
  type CibEffect,
  type CibInput,
  type CibVersion,
  type PersistedCib,
} from "../cib/index.js";
import { Prng, type NodeId } from "../kernel/index.js";
import { SimCluster, SimViolation, type SimClusterOptions } from "./cluster.js";
import type { SimEvent } from "./events.js";
import { holdsWrite, makeSimWrite, type SimCibWrite } from "./cib-workload.js";

export interface SimCibOptions {
  /** Chance per tick that a client on one live node writes. */
  readonly writePercent: number;
  /** Chance that a crash leaves a truncated cib.xml behind. */
  readonly corruptPercent: number;
  /**
   * Fail when two nodes ever hold one version with different content (default on; off only to
   * explore what a failing seed leads to, with the other checkers still running).
   */
  readonly oneDocumentPerVersion?: boolean;
}

const cibGroup = "cib";

/**
 * CIB replicas over a SimCluster: each node's CibReplica is fed the cib group's view changes
 * and deliveries and its quorum; its persisted CIB is the node's disk (kept across crashes,
 * sometimes truncated by a crash). Checks on every step that no node's version goes back and
 * that one version is one document on every node (all replicas pass through the same
 * versions), and records which client writes were acknowledged.
 */
export class SimCibCluster {
  readonly replicas = new Map<NodeId, CibReplica>();
  readonly disks = new Map<NodeId, PersistedCib>();
  /** Each node's durable list of accepted, not yet committed writes (survives crashes). */
  readonly pendingDisks = new Map<NodeId, readonly string[]>();
  readonly acknowledged: SimCibWrite[] = [];
  readonly refusedDisks: NodeId[] = [];
  /** Replies by code, for figures. */
  readonly replies = new Map<string, number>();
  readonly #lastVersion = new Map<NodeId, CibVersion>();
  /** Every version any node ever held, with its digest: one version is one document. */
  readonly #digestByVersion = new Map<string, string>();
  readonly #pending = new Map<string, SimCibWrite>();
  readonly #prng: Prng;
  #counter = 0;
  /** Clients write only while this is on (off while the tests wait for convergence). */
  writing = true;

  constructor(
    readonly cluster: SimCluster,
    readonly options: SimCibOptions,
    seed: number,
  ) {
    this.#prng = new Prng(seed ^ 0x5eed);
    cluster.addChecker({ name: "cib replicas", observe: (event) => this.#observe(event) });
    for (const nodeId of cluster.liveNodeIds) this.#startReplica(nodeId);
  }

  static create(options: SimClusterOptions, cib: SimCibOptions): SimCibCluster {
    const cluster = SimCluster.create({ ...options, groups: [cibGroup] });
    return new SimCibCluster(cluster, cib, options.seed);
  }

  /** One tick of the cluster, after maybe one client write. */
  tick(): void {
    if (this.writing && this.#prng.chance(this.options.writePercent)) this.#clientWrite();
    this.cluster.tick();
  }

  /** Every node up, in one view, done syncing, on one digest. */
  converged(): boolean {
    const digests = new Set<string>();
    for (const nodeId of this.cluster.nodeIds) {
      const node = this.cluster.node(nodeId);
      const replica = this.replicas.get(nodeId);
      if (!node.up || node.view?.members.length !== this.cluster.nodeIds.length) return false;
      if (replica?.cib === undefined || replica.syncing) return false;
      digests.add(replica.digest ?? "");
    }
    return digests.size === 1;
  }

  /** Acknowledged writes missing from some node's CIB, as "node: write" lines. */
  missingWrites(): string[] {
    const missing: string[] = [];
    for (const [nodeId, replica] of this.replicas) {
      for (const write of this.acknowledged) {
        if (replica.cib === undefined || !holdsWrite(replica.cib, write)) {
          missing.push(`${nodeId}: ${JSON.stringify(write)}`);
        }
      }
    }
    return missing;
  }

  #clientWrite(): void {
    const live = this.cluster.liveNodeIds;
    const nodeId = live[this.#prng.int(live.length)];
    const replica = nodeId === undefined ? undefined : this.replicas.get(nodeId);
    if (nodeId === undefined || replica?.cib === undefined) return;
    this.#counter += 1;
    const configuration = this.#prng.chance(60);
    const made = makeSimWrite(replica.cib, { nodeId, counter: this.#counter, configuration });
    const requestId = `${nodeId}:${this.#counter}`;
    this.#pending.set(requestId, made.write);
    this.#step(nodeId, { kind: "write_requested", requestId, patchset: made.patchset });
  }

  #observe(event: SimEvent): string | undefined {
    switch (event.kind) {
      case "view_installed":
        this.#step(event.nodeId, { kind: "view_installed", ringId: event.ringId });
        return undefined;
      case "group_changed":
        if (event.group !== cibGroup) return undefined;
        this.#step(event.nodeId, {
          kind: "group_changed",
          ringId: event.ringId,
          members: event.members,
        });
        return undefined;
      case "delivered":
        if (event.group !== cibGroup) return undefined;
        this.#step(event.nodeId, {
          kind: "delivered",
          sender: event.sender,
          payload: event.payload,
        });
        return undefined;
      case "quorum_changed":
        this.#step(event.nodeId, { kind: "quorum_changed", quorate: event.quorate });
        return undefined;
      case "crashed":
        this.replicas.delete(event.nodeId);
        this.#maybeCorrupt(event.nodeId);
        return undefined;
      case "restarted":
        this.#startReplica(event.nodeId);
        return undefined;
      default:
        return undefined;
    }
  }

  #maybeCorrupt(nodeId: NodeId): void {
    const disk = this.disks.get(nodeId);
    if (disk === undefined || !this.#prng.chance(this.options.corruptPercent)) return;
    // The fault model is one lost disk at a time: every other node is up and holds this copy.
    const others = this.cluster.nodeIds.filter((other) => other !== nodeId);
    if (others.some((other) => this.replicas.get(other)?.digest !== disk.digest)) return;
    const cut = this.#prng.int(disk.cibXml.length);
    this.disks.set(nodeId, { ...disk, cibXml: disk.cibXml.slice(0, cut) });
  }

  #startReplica(nodeId: NodeId): void {
    const replica = new CibReplica({ nodeId, group: cibGroup });
    this.replicas.set(nodeId, replica);
    this.#step(nodeId, {
      kind: "started",
      persisted: this.disks.get(nodeId),
      pending: this.pendingDisks.get(nodeId) ?? [],
    });
    if (replica.cib === undefined) {
      // A refused disk copy: this node starts over and may only move forward from what it syncs.
      this.refusedDisks.push(nodeId);
      this.#lastVersion.delete(nodeId);
    } else this.#checkVersion(nodeId, replica);
  }

  #step(nodeId: NodeId, input: CibInput): void {
    const replica = this.replicas.get(nodeId);
    if (replica === undefined) return;
    replica.step(input);
    for (const effect of replica.drain()) this.#perform(nodeId, replica, effect);
    this.#checkVersion(nodeId, replica);
  }

  #perform(nodeId: NodeId, replica: CibReplica, effect: CibEffect): void {
    switch (effect.kind) {
      case "broadcast":
        this.cluster.broadcast(nodeId, cibGroup, effect.payload);
        return;
      case "persist":
        assert(replica.cib !== undefined, "a persisted CIB is held");
        this.disks.set(nodeId, { cibXml: effect.cibXml, digest: effect.digest });
        return;
      case "persist_pending":
        this.pendingDisks.set(nodeId, effect.pending);
        return;
      case "reply": {
        const code = effect.reply.ok ? "ok" : effect.reply.code;
        this.replies.set(code, (this.replies.get(code) ?? 0) + 1);
        const write = this.#pending.get(effect.requestId);
        this.#pending.delete(effect.requestId);
        if (effect.reply.ok && write !== undefined) this.acknowledged.push(write);
        return;
      }
      case "notify":
      case "warn":
        return;
    }
  }

  #checkVersion(nodeId: NodeId, replica: CibReplica): void {
    const version = replica.version;
    if (version === undefined) return;
    const last = this.#lastVersion.get(nodeId);
    if (last !== undefined && compareVersions(version, last) < 0) {
      throw new SimViolation(
        `CIB version went back on node ${nodeId}: ${versionText(last)} -> ${versionText(version)} ` +
          `(tick ${this.cluster.now})\nreplay: ${this.cluster.replayCommand}`,
      );
    }
    this.#lastVersion.set(nodeId, version);
    if (this.options.oneDocumentPerVersion === false) return;
    const digest = replica.digest ?? "";
    const known = this.#digestByVersion.get(versionText(version));
    if (known === undefined) this.#digestByVersion.set(versionText(version), digest);
    else if (known !== digest) {
      throw new SimViolation(
        `Node ${nodeId} holds CIB ${versionText(version)} with digest ${digest}, another node ` +
          `held ${known} (tick ${this.cluster.now})\nreplay: ${this.cluster.replayCommand}`,
      );
    }
  }
}
