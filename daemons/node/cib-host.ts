import { fail, ok, type Result } from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import {
  CibReplica,
  cibVersion,
  type CibEffect,
  type CibInput,
  type CibReplyCode,
  type CibVersion,
  type Patchset,
} from "../cib/index.js";
import { CoreFeeder } from "../kernel/index.js";
import type { NodeId } from "../kernel/index.js";
import type { CibAccess } from "./cib-access.js";
import { packCibPayload, unpackCibPayload } from "./cib-compression.js";
import { CibWritePreparer, nativeMd5 } from "./cib-prepare.js";
import type { CibStore } from "./cib-store.js";
import type { ClientIdentity } from "./client-handlers.js";
import type { ClusterBus } from "./cluster-bus.js";
import type { Log } from "./log.js";

/** The process group the CIB replicas talk in (Pacemaker's "cib" CPG group). */
export const cibGroup = "cib";

/** Why a write was not applied; `ok` writes resolve with the version reached. */
export type CibWriteCode = CibReplyCode | "invalid_cib" | "permission_denied" | "not_ready";

/** An edit of the CIB: gets a copy of the current CIB to change (or replace) and returns it. */
export type CibEdit = (copy: XmlElement) => XmlElement | Result<XmlElement, CibWriteCode>;

/** One applied change, as subscribers hear it (a whole-CIB sync comes as one diff). */
export interface CibChangeEvent {
  readonly patchset: Patchset;
  readonly version: CibVersion;
}

/**
 * The CIB for the daemons in this process (controller, attrd, fencer) and the client channel:
 * read the current copy, write through the replicated order, hear every applied change.
 */
export interface LocalCib {
  /** The current CIB (do not mutate), undefined while a refused disk copy awaits a sync. */
  current(): XmlElement | undefined;
  version(): CibVersion | undefined;
  /**
   * Applies a patchset (made against the current version) or an edit, once every member
   * has it on disk; the CIB is validated first and the ACLs judge `identity` (the daemons of
   * this process pass `clusterDaemonIdentity`).
   */
  write(
    change: Patchset | CibEdit,
    identity: ClientIdentity,
  ): Promise<Result<CibVersion, CibWriteCode>>;
  /** Hears every applied change; returns the function that stops hearing. */
  subscribe(listener: (event: CibChangeEvent) => void): () => void;
}

export interface CibHostEnv {
  readonly localNodeId: NodeId;
  /** This node's name (what writes taken here record as update-origin). */
  readonly localName: string;
  readonly bus: ClusterBus;
  readonly store: CibStore;
  readonly log: Log;
  /** The ACLs, asked after schema validation for a restricted identity. */
  readonly access: CibAccess;
}

type Settle = (result: Result<CibVersion, CibWriteCode>) => void;

/** A local write, from the request until its answer (it may wait for a sync round). */
interface LocalWrite {
  readonly change: Patchset | CibEdit;
  readonly identity: ClientIdentity;
  readonly settle: Settle;
  /** When it stops waiting for a sync round (performance.now() time). */
  readonly deadlineMs: number;
}

/** A write held while the CIB syncs. */
interface DeferredWrite extends LocalWrite {
  readonly timer: NodeJS.Timeout;
}

/** How long a write may wait for sync rounds to end, and how many may wait. */
export const deferredWriteMs = 10_000;
const deferredWritesMax = 1000;

function refused<T>(code: CibWriteCode, message: string): Result<T, CibWriteCode> {
  return fail([{ code, message }]);
}

/**
 * Hosts the CibReplica core on a node: the cib group's view changes and messages in, quorum
 * in; effects out in order (a persist is on disk before any later reply or broadcast). Inputs
 * arriving while effects are performed (a broadcast delivered at once) wait their turn.
 */
export class CibHost implements LocalCib {
  readonly #feeder: CoreFeeder<CibInput, CibEffect>;
  readonly core: CibReplica;
  readonly #listeners = new Set<(event: CibChangeEvent) => void>();
  /** Writes handed to the core, by request id. */
  readonly #inFlight = new Map<string, LocalWrite>();
  readonly #deferred = new Set<DeferredWrite>();
  readonly #preparer: CibWritePreparer;
  #nextRequest = 1;

  constructor(readonly env: CibHostEnv) {
    this.#preparer = new CibWritePreparer(env.access, env.localName);
    this.core = new CibReplica({ nodeId: env.localNodeId, group: cibGroup, hash: nativeMd5 });
    this.#feeder = new CoreFeeder(this.core, (effect) => this.#perform(effect));
  }

  /** Loads the disk copy (a refused one is moved aside), then joins the cib group. */
  start(): void {
    const { persisted, pending } = this.env.store.load();
    this.#feed({ kind: "started", persisted, pending });
    const held = this.core.cib;
    if (held !== undefined) this.#preparer.warm(held);
    if (persisted !== undefined && this.core.cib === undefined) this.env.store.files.setAside();
    const { bus } = this.env;
    bus.onView((view) => this.#feed({ kind: "view_installed", ringId: view.ringId }));
    bus.joinGroup(cibGroup, {
      delivered: (message) => {
        // Big messages (a whole-CIB sync) come compressed: see cib-compression.ts.
        const payload = unpackCibPayload(message.payload);
        if (!payload.ok)
          return this.env.log.write("warning", "CIB", `${payload.issues[0]?.message}`);
        this.#feed({ kind: "delivered", sender: message.sender, payload: payload.value });
      },
      changed: (change) =>
        this.#feed({ kind: "group_changed", ringId: change.ringId, members: change.members }),
    });
  }

  quorumChanged(quorate: boolean): void {
    this.#feed({ kind: "quorum_changed", quorate });
  }

  /** Writes in flight end as `indeterminate`: they may or may not be applied. */
  stop(): void {
    this.env.bus.leaveGroup(cibGroup);
    this.env.store.close();
    for (const write of this.#inFlight.values()) {
      write.settle(refused("indeterminate", "The node stopped before the write was confirmed"));
    }
    this.#inFlight.clear();
    for (const write of this.#deferred) {
      clearTimeout(write.timer);
      write.settle(refused("not_ready", "The node stopped before the write was made"));
    }
    this.#deferred.clear();
  }

  current(): XmlElement | undefined {
    return this.core.cib;
  }

  version(): CibVersion | undefined {
    return this.core.version;
  }

  subscribe(listener: (event: CibChangeEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  write(
    change: Patchset | CibEdit,
    identity: ClientIdentity,
  ): Promise<Result<CibVersion, CibWriteCode>> {
    const deadlineMs = performance.now() + deferredWriteMs;
    return new Promise((settle) => this.#attempt({ change, identity, settle, deadlineMs }));
  }

  /**
   * Submits a write, or holds it while a sync round is open (or no CIB is held yet): it is
   * prepared against the CIB the round ends with, so a short view change does not refuse it.
   */
  #attempt(write: LocalWrite): void {
    const before = this.core.cib;
    if (before === undefined || this.core.syncing) return this.#defer(write);
    const patchset = this.#preparer.prepare(before, write.change, write.identity);
    if (!patchset.ok) return write.settle(patchset);
    if (patchset.value === undefined) return write.settle(ok(cibVersion(before)));
    const requestId = `${this.env.localNodeId}:${this.#nextRequest++}`;
    this.#inFlight.set(requestId, write);
    this.#feed({ kind: "write_requested", requestId, patchset: patchset.value });
  }

  /** Holds a write until the sync round is over; bounded in number and in time. */
  #defer(write: LocalWrite): void {
    const remainingMs = write.deadlineMs - performance.now();
    if (remainingMs <= 0 || this.#deferred.size >= deferredWritesMax) {
      const message =
        remainingMs <= 0
          ? "The CIB did not finish synchronising in time"
          : "Too many writes are waiting for the CIB to synchronise";
      write.settle(refused("sync_in_progress", message));
      return;
    }
    const timer = setTimeout(() => {
      this.#deferred.delete(deferred);
      write.settle(refused("sync_in_progress", "The CIB did not finish synchronising in time"));
    }, remainingMs);
    const deferred = { ...write, timer };
    this.#deferred.add(deferred);
  }

  /** After each input: writes held during a sync round go once it is over. */
  #releaseDeferred(): void {
    if (this.#deferred.size === 0 || this.core.syncing || this.core.cib === undefined) return;
    const waiting = [...this.#deferred];
    this.#deferred.clear();
    for (const write of waiting) {
      clearTimeout(write.timer);
      this.#attempt(write);
    }
  }

  #feed(input: CibInput): void {
    if (this.#feeder.feed(input)) this.#releaseDeferred();
  }

  #perform(effect: CibEffect): void {
    switch (effect.kind) {
      case "broadcast":
        this.env.bus.broadcast(cibGroup, packCibPayload(effect.payload));
        return;
      case "persist":
        // The effect itself: its text is only made if cib.xml gets written for it.
        this.env.store.committed(effect, effect.write);
        return;
      case "persist_pending":
        this.env.store.accepted(effect.pending);
        return;
      case "reply": {
        const write = this.#inFlight.get(effect.requestId);
        this.#inFlight.delete(effect.requestId);
        const reply = effect.reply;
        // Every member refused it for a sync round that opened before its turn: nothing was
        // applied anywhere, so it waits for the round and is made again on the synced CIB.
        if (write !== undefined && !reply.ok && reply.code === "sync_in_progress") {
          return this.#defer(write);
        }
        write?.settle(reply.ok ? ok(reply.version) : refused(reply.code, reply.message));
        return;
      }
      case "notify":
        return this.#notify(effect.patchset);
      case "warn":
        this.env.log.write("warning", "CIB", effect.message);
        return;
    }
  }

  #notify(patchset: Patchset): void {
    const event = { patchset, version: patchset.target };
    for (const listener of this.#listeners) listener(event);
  }
}
