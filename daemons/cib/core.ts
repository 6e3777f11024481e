import { assert } from "../../backend/base/index.js";
import {
  emptyCib,
  readXml,
  writeXml,
  diffCib,
  patchsetFromXml,
  patchsetToXml,
  cibVersion,
  compareVersions,
  versionText,
  type XmlElement,
  type Patchset,
  type CibVersion,
} from "../../backend/cib/index.js";
import { Outbox, ringIdText, type NodeId } from "../kernel/index.js";
import { applyPatchset } from "./apply.js";
import type {
  CibEffect,
  CibInput,
  CibReplicaConfig,
  CibReplyCode,
  PersistedCib,
} from "./core-types.js";
import { compactText, heldCibDigest, indentedText } from "./serialized.js";
import { allHold, chooseSyncSource, completeUncertain, type Announcement } from "./sync-round.js";
import { decodeCibMessage, encodeCibMessage, type CibMessage } from "./wire.js";

interface PendingWrite {
  readonly origin: NodeId;
  readonly requestId: string;
  readonly patchsetXml: string;
  readonly patchset: Patchset;
  readonly result: XmlElement;
  readonly waiting: Set<NodeId>;
}

interface SyncRound {
  readonly key: string;
  readonly members: readonly NodeId[];
  readonly announcements: Map<NodeId, Announcement>;
  source?: NodeId;
}

/**
 * One node's CIB manager, pure. Every write travels the cib group in agreed order; each member
 * checks it against the same CIB, every member but the origin broadcasts that it accepts it,
 * and all commit it (apply, persist, notify) once every member accepted, so all copies pass
 * through the same versions. The origin acknowledges its client at that commit. After every
 * view or group change the members announce (version, digest), all pick the same newest copy,
 * and its holder sends it whole; writes delivered during that round are refused everywhere.
 */
export class CibReplica {
  #cib: XmlElement | undefined;
  #members: readonly NodeId[] = [];
  #round: SyncRound | undefined;
  /** The key of the last round started: a view change and its group change start one round. */
  #lastRoundKey = "";
  #quorate = false;
  /** Delivered writes, in agreed order, waiting for every other member's `applied`. */
  #pending: PendingWrite[] = [];
  /**
   * Writes that were pending here when the view changed: a member that left may have
   * committed them. The next sync round completes them on the chosen copy, so no other
   * document ever takes their versions.
   */
  #uncertain: string[] = [];
  /** Local clients' committed writes, waiting for every other member's `committed`. */
  readonly #acking = new Map<string, { version: CibVersion; waiting: Set<NodeId> }>();
  readonly #outbox = new Outbox<CibEffect>();

  constructor(readonly config: CibReplicaConfig) {}

  /** The current CIB (do not mutate), or undefined while a refused disk copy awaits a sync. */
  get cib(): XmlElement | undefined {
    return this.#cib;
  }

  /**
   * The digest of the current CIB (Pacemaker's v2 digest), made when first asked (a sync round,
   * a snapshot on disk) from the cached text of the subtrees it shares with older versions.
   */
  get digest(): string | undefined {
    return this.#cib === undefined ? undefined : heldCibDigest(this.#cib, this.config.hash);
  }

  get version(): CibVersion | undefined {
    return this.#cib === undefined ? undefined : cibVersion(this.#cib);
  }

  /** True while a sync round after a group change is open (writes are refused). */
  get syncing(): boolean {
    return this.#round !== undefined;
  }

  step(input: CibInput): void {
    switch (input.kind) {
      case "started":
        this.#uncertain = [...(input.pending ?? [])];
        return this.#onStarted(input.persisted);
      case "view_installed":
        return this.#onGroupChanged(ringIdText(input.ringId), this.#members);
      case "group_changed":
        return this.#onGroupChanged(ringIdText(input.ringId), input.members);
      case "delivered":
        return this.#onDelivered(input.sender, input.payload);
      case "quorum_changed":
        this.#quorate = input.quorate;
        return;
      case "write_requested":
        return this.#onWriteRequested(input.requestId, input.patchset);
    }
  }

  drain(): readonly CibEffect[] {
    return this.#outbox.drain();
  }

  #onStarted(persisted: PersistedCib | undefined): void {
    assert(this.#cib === undefined, "a CIB replica starts once");
    if (persisted === undefined) {
      this.#hold(emptyCib());
      return;
    }
    const read = readXml(persisted.cibXml);
    const digest = read.ok ? heldCibDigest(read.value, this.config.hash) : undefined;
    if (read.ok && read.value.name === "cib" && digest === persisted.digest) {
      this.#hold(read.value);
      return;
    }
    const reason = read.ok ? "its digest does not match" : read.issues[0]?.message;
    this.#outbox.push({
      kind: "warn",
      message: `Refused the CIB on disk (${reason ?? "unreadable"}): waiting for a copy from peers`,
    });
  }

  #onGroupChanged(ring: string, members: readonly NodeId[]): void {
    const key = `${ring}/${members.join(",")}`;
    this.#members = members;
    if (key === this.#lastRoundKey) return;
    this.#lastRoundKey = key;
    for (const pending of this.#pending) {
      if (pending.origin !== this.config.nodeId) continue;
      this.#reply(
        pending.requestId,
        "indeterminate",
        "The group changed before every member accepted",
      );
    }
    this.#uncertain.push(...this.#pending.map((pending) => pending.patchsetXml));
    this.#pending = [];
    for (const requestId of this.#acking.keys()) {
      this.#reply(requestId, "indeterminate", "The group changed before every member committed");
    }
    this.#acking.clear();
    if (!members.includes(this.config.nodeId)) {
      this.#round = undefined;
      return;
    }
    this.#round = { key, members, announcements: new Map() };
    const version = this.version ?? null;
    const digest = this.digest ?? null;
    const pending = this.#uncertain;
    this.#broadcast({ kind: "announce", round: key, version, digest, pending });
  }

  #onDelivered(sender: NodeId, payload: string): void {
    const decoded = decodeCibMessage(payload);
    if (!decoded.ok) {
      this.#outbox.push({ kind: "warn", message: `${decoded.issues[0]?.message} from ${sender}` });
      return;
    }
    const message = decoded.value;
    switch (message.kind) {
      case "announce":
        return this.#onAnnounce(sender, message);
      case "sync":
        return this.#onSync(sender, message.round, message.cibXml);
      case "write":
        return this.#onWrite(sender, message.requestId, message.patchsetXml);
      case "applied":
        return this.#onApplied(sender, message.origin, message.requestId);
      case "committed":
        return this.#onCommitted(sender, message.origin, message.requestId);
    }
  }

  #onAnnounce(sender: NodeId, message: Extract<CibMessage, { kind: "announce" }>): void {
    const round = this.#round;
    if (round?.key !== message.round || !round.members.includes(sender)) return;
    const { version, digest, pending } = message;
    round.announcements.set(sender, { version, digest, pending });
    if (round.announcements.size < round.members.length) return;
    const source = chooseSyncSource(round.announcements);
    if (source === undefined) {
      // Nobody holds a valid CIB: every member starts from the same empty one.
      this.#adopt(emptyCib());
      this.#endRound();
      return;
    }
    // Only a quorate group completes uncertain writes (a partition without quorum keeps them
    // for later): two groups completing different sets could give one version two documents.
    const uncertain = this.#quorate
      ? [...round.announcements.values()].flatMap((entry) => entry.pending)
      : [];
    if (allHold(round.announcements, source) && uncertain.length === 0) {
      this.#endRound();
      return;
    }
    round.source = source;
    if (source === this.config.nodeId && this.#cib !== undefined) {
      const completed = completeUncertain(this.#cib, uncertain, this.config);
      this.#broadcast({
        kind: "sync",
        round: round.key,
        cibXml: compactText(completed),
      });
    }
  }

  #endRound(): void {
    this.#round = undefined;
    if (this.#quorate) this.#uncertain = [];
  }

  #onSync(sender: NodeId, key: string, cibXml: string): void {
    const round = this.#round;
    if (round?.key !== key || round.source !== sender) return;
    this.#endRound();
    const read = readXml(cibXml);
    if (!read.ok || read.value.name !== "cib") {
      this.#outbox.push({ kind: "warn", message: `Dropped an unreadable CIB sync from ${sender}` });
      return;
    }
    const current = this.version;
    // Never adopt an older copy (the source is the newest, so this only guards bad peers).
    if (current !== undefined && compareVersions(cibVersion(read.value), current) < 0) return;
    if (this.digest === heldCibDigest(read.value, this.config.hash)) return;
    this.#adopt(read.value);
  }

  #adopt(cib: XmlElement): void {
    const before = this.#cib;
    this.#hold(cib);
    this.#persist();
    if (before !== undefined) this.#outbox.push({ kind: "notify", patchset: diffCib(before, cib) });
  }

  #onWriteRequested(requestId: string, patchset: Patchset): void {
    const current = this.version;
    if (!this.#quorate) return this.#reply(requestId, "no_quorum", "The partition has no quorum");
    if (this.#round !== undefined || current === undefined) {
      return this.#reply(requestId, "sync_in_progress", "The CIB is being synchronised");
    }
    if (compareVersions(patchset.source, current) !== 0) {
      return this.#reply(
        requestId,
        "version_conflict",
        `The CIB is at ${versionText(current)}, not ${versionText(patchset.source)}`,
      );
    }
    const patchsetXml = writeXml(patchsetToXml(patchset), { indent: 0 });
    this.#broadcast({ kind: "write", requestId, patchsetXml });
  }

  /**
   * Every member runs this at the same place in the agreed order, with the same CIB and the
   * same pending writes: the patch is checked against the CIB as it will be once the writes
   * before it commit, and every member but the origin says it accepts it.
   */
  #onWrite(origin: NodeId, requestId: string, patchsetXml: string): void {
    const own = origin === this.config.nodeId;
    const base = this.#pending.at(-1)?.result ?? this.#cib;
    if (this.#round !== undefined || base === undefined) {
      if (own) this.#reply(requestId, "sync_in_progress", "The CIB was being synchronised");
      return;
    }
    const read = readXml(patchsetXml);
    const patchset = read.ok ? patchsetFromXml(read.value) : read;
    if (!patchset.ok) {
      if (own) this.#reply(requestId, "invalid_patch", patchset.issues[0]?.message ?? "Bad patch");
      return;
    }
    const applied = applyPatchset(base, patchset.value, this.config);
    if (!applied.ok) {
      const issue = applied.issues[0];
      const code = issue?.code === "version_conflict" ? "version_conflict" : "invalid_patch";
      if (own) this.#reply(requestId, code, issue?.message ?? "The patch does not apply");
      return;
    }
    const waiting = new Set(this.#members.filter((nodeId) => nodeId !== origin));
    this.#pending.push({
      origin,
      requestId,
      patchsetXml,
      patchset: patchset.value,
      result: applied.value,
      waiting,
    });
    // Accepting is a promise (a peer may commit on it alone), and the origin's own copy is its
    // local disk write: both are durable before anything that depends on them.
    const pending = [...this.#uncertain, ...this.#pending.map((entry) => entry.patchsetXml)];
    this.#outbox.push({ kind: "persist_pending", pending });
    if (!own) this.#broadcast({ kind: "applied", origin, requestId });
    this.#commitReady();
  }

  #onApplied(sender: NodeId, origin: number, requestId: string): void {
    const entry = this.#pending.find(
      (pending) => pending.origin === origin && pending.requestId === requestId,
    );
    entry?.waiting.delete(sender);
    this.#commitReady();
  }

  /**
   * Commits, in order, the pending writes every member accepted: all members see the same
   * acceptances in the same order, so all commit at the same place. A write a member alone
   * saw (a stale view) is never committed, so it can never outrank the others' CIB.
   */
  #commitReady(): void {
    for (;;) {
      const next = this.#pending[0];
      if (next === undefined || next.waiting.size > 0) return;
      this.#pending.shift();
      this.#hold(next.result);
      this.#persist(next.patchsetXml);
      const { origin, requestId } = next;
      if (origin !== this.config.nodeId) {
        // The origin waits for this to answer its client: it goes before the subscribers
        // (a DC's scheduler among them) take their turn.
        this.#broadcast({ kind: "committed", origin, requestId });
        this.#outbox.push({ kind: "notify", patchset: next.patchset });
        continue;
      }
      this.#outbox.push({ kind: "notify", patchset: next.patchset });
      const waiting = new Set(this.#members.filter((nodeId) => nodeId !== origin));
      this.#acking.set(requestId, { version: cibVersion(next.result), waiting });
      this.#acknowledgeIfDone(requestId);
    }
  }

  #onCommitted(sender: NodeId, origin: number, requestId: string): void {
    if (origin !== this.config.nodeId) return;
    this.#acking.get(requestId)?.waiting.delete(sender);
    this.#acknowledgeIfDone(requestId);
  }

  /** Acknowledged only once every member persisted it: no later view can lack it. */
  #acknowledgeIfDone(requestId: string): void {
    const entry = this.#acking.get(requestId);
    if (entry === undefined || entry.waiting.size > 0) return;
    this.#acking.delete(requestId);
    this.#outbox.push({ kind: "reply", requestId, reply: { ok: true, version: entry.version } });
  }

  #hold(cib: XmlElement): void {
    this.#cib = cib;
  }

  /** `write`: the committed write's patchset XML (absent for a CIB adopted whole). */
  #persist(write?: string): void {
    const cib = this.#cib;
    assert(cib !== undefined, "only a held CIB is persisted");
    const hash = this.config.hash;
    // The text and digest are made when the host writes cib.xml (a journalling host does so
    // after a pause, so most commits never need them); held CIBs are never mutated.
    this.#outbox.push({
      kind: "persist",
      get cibXml(): string {
        return indentedText(cib);
      },
      get digest(): string {
        return heldCibDigest(cib, hash);
      },
      version: cibVersion(cib),
      ...(write === undefined ? {} : { write }),
    });
  }

  #reply(requestId: string, code: CibReplyCode, message: string): void {
    this.#outbox.push({ kind: "reply", requestId, reply: { ok: false, code, message } });
  }

  #broadcast(message: CibMessage): void {
    this.#outbox.push({ kind: "broadcast", payload: encodeCibMessage(message) });
  }
}
