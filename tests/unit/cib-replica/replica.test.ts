import { describe, expect, it } from "vitest";
import { cloneNode, element, emptyCib, ensureChild, writeXml } from "../../../backend/cib/index.js";
import {
  applyPatchset,
  CibReplica,
  cibDigest,
  cibVersion,
  decodeCibMessage,
  diffCib,
  nextVersion,
  setCibVersion,
  type CibEffect,
  type Patchset,
} from "../../../daemons/cib/index.js";
import type { NodeId } from "../../../daemons/kernel/index.js";

const ringId = { representative: 1, seq: 4 };

/** Replicas over a perfect agreed-order bus: every broadcast reaches every member, in order. */
class Bus {
  readonly replicas = new Map<NodeId, CibReplica>();
  readonly effects = new Map<NodeId, CibEffect[]>();
  readonly #queue: { sender: NodeId; payload: string }[] = [];

  constructor(nodeIds: readonly NodeId[]) {
    for (const nodeId of nodeIds) {
      this.replicas.set(nodeId, new CibReplica({ nodeId, group: "cib" }));
      this.effects.set(nodeId, []);
    }
  }

  replica(nodeId: NodeId): CibReplica {
    const replica = this.replicas.get(nodeId);
    if (replica === undefined) throw new Error(`no replica ${nodeId}`);
    return replica;
  }

  step(nodeId: NodeId, input: Parameters<CibReplica["step"]>[0]): CibEffect[] {
    const replica = this.replica(nodeId);
    replica.step(input);
    const effects = [...replica.drain()];
    this.effects.get(nodeId)?.push(...effects);
    for (const effect of effects) {
      if (effect.kind === "broadcast")
        this.#queue.push({ sender: nodeId, payload: effect.payload });
    }
    return effects;
  }

  /** Delivers everything queued (and what it causes) to every replica, in one order. */
  flush(): void {
    for (let next = this.#queue.shift(); next !== undefined; next = this.#queue.shift()) {
      for (const nodeId of this.replicas.keys()) {
        this.step(nodeId, { kind: "delivered", sender: next.sender, payload: next.payload });
      }
    }
  }

  /** A view with every replica: quorate, group change, sync round. */
  form(): void {
    const members = [...this.replicas.keys()];
    for (const nodeId of members) {
      this.step(nodeId, { kind: "quorum_changed", quorate: true });
      this.step(nodeId, { kind: "group_changed", ringId, members });
    }
    this.flush();
  }

  kinds(nodeId: NodeId): string[] {
    return (this.effects.get(nodeId) ?? []).map((effect) =>
      effect.kind === "reply" ? `reply ${effect.reply.ok ? "ok" : effect.reply.code}` : effect.kind,
    );
  }
}

function addPrimitive(replica: CibReplica, id: string): Patchset {
  const cib = replica.cib;
  if (cib === undefined) throw new Error("no CIB");
  const next = cloneNode(cib);
  ensureChild(ensureChild(next, "configuration"), "resources").children.push(
    element("primitive", { id, class: "ocf", provider: "pacemaker", type: "Dummy" }),
  );
  setCibVersion(next, nextVersion(cibVersion(cib), true));
  return diffCib(cib, next);
}

function setStatus(replica: CibReplica, name: string): Patchset {
  const cib = replica.cib;
  if (cib === undefined) throw new Error("no CIB");
  const next = cloneNode(cib);
  ensureChild(next, "status").children.push(element("node_state", { id: name }));
  setCibVersion(next, nextVersion(cibVersion(cib), false));
  return diffCib(cib, next);
}

function applyOk(patchset: Patchset) {
  const base = emptyCib();
  const applied = applyPatchset(base, patchset);
  if (!applied.ok) throw new Error(applied.issues[0]?.message);
  return applied.value;
}

function started(nodeIds: readonly NodeId[]): Bus {
  const bus = new Bus(nodeIds);
  for (const nodeId of nodeIds) bus.step(nodeId, { kind: "started", persisted: undefined });
  bus.form();
  return bus;
}

describe("CibReplica", () => {
  it("commits a client's write on every member and acknowledges it after the last acceptance", () => {
    const bus = started([1, 2, 3]);
    const patchset = addPrimitive(bus.replica(1), "d1");
    bus.step(1, { kind: "write_requested", requestId: "w1", patchset });
    expect(bus.kinds(1)).not.toContain("reply ok");
    bus.flush();
    const digests = new Set([1, 2, 3].map((nodeId) => bus.replica(nodeId).digest));
    expect(digests.size).toBe(1);
    expect(bus.replica(3).version).toEqual({ adminEpoch: 0, epoch: 2, numUpdates: 0 });
    const kinds = bus.kinds(1);
    expect(kinds.indexOf("persist")).toBeLessThan(kinds.indexOf("reply ok"));
    expect(bus.kinds(2)).not.toContain("reply ok");
  });

  it("moves num_updates for a status change and epoch for a configuration change", () => {
    const bus = started([1, 2]);
    bus.step(2, {
      kind: "write_requested",
      requestId: "s",
      patchset: setStatus(bus.replica(2), "1"),
    });
    bus.flush();
    expect(bus.replica(1).version).toEqual({ adminEpoch: 0, epoch: 1, numUpdates: 1 });
    bus.step(1, {
      kind: "write_requested",
      requestId: "c",
      patchset: addPrimitive(bus.replica(1), "d"),
    });
    bus.flush();
    expect(bus.replica(2).version).toEqual({ adminEpoch: 0, epoch: 2, numUpdates: 0 });
  });

  it("refuses a write made against a stale version with a conflict", () => {
    const bus = started([1, 2]);
    const stale = addPrimitive(bus.replica(1), "d1");
    bus.step(2, {
      kind: "write_requested",
      requestId: "a",
      patchset: addPrimitive(bus.replica(2), "d2"),
    });
    bus.flush();
    const effects = bus.step(1, { kind: "write_requested", requestId: "b", patchset: stale });
    expect(effects).toMatchObject([
      { kind: "reply", reply: { ok: false, code: "version_conflict" } },
    ]);
  });

  it("lets only the first of two concurrent writes on one version commit", () => {
    const bus = started([1, 2]);
    bus.step(1, {
      kind: "write_requested",
      requestId: "a",
      patchset: addPrimitive(bus.replica(1), "x"),
    });
    bus.step(2, {
      kind: "write_requested",
      requestId: "b",
      patchset: addPrimitive(bus.replica(2), "y"),
    });
    bus.flush();
    expect(bus.kinds(1)).toContain("reply ok");
    expect(bus.kinds(2)).toContain("reply version_conflict");
    expect(bus.replica(1).digest).toBe(bus.replica(2).digest);
  });

  it("refuses writes without quorum", () => {
    const bus = started([1, 2]);
    bus.step(1, { kind: "quorum_changed", quorate: false });
    const effects = bus.step(1, {
      kind: "write_requested",
      requestId: "q",
      patchset: addPrimitive(bus.replica(1), "d"),
    });
    expect(effects).toMatchObject([{ kind: "reply", reply: { ok: false, code: "no_quorum" } }]);
  });

  it("syncs the newest copy to every member after a view change", () => {
    const newer = started([1]);
    newer.step(1, {
      kind: "write_requested",
      requestId: "w",
      patchset: addPrimitive(newer.replica(1), "d"),
    });
    newer.flush();
    const disk = newer.effects.get(1)?.findLast((effect) => effect.kind === "persist");
    if (disk?.kind !== "persist") throw new Error("no persist");
    const bus = new Bus([1, 2, 3]);
    bus.step(1, { kind: "started", persisted: undefined });
    bus.step(2, { kind: "started", persisted: { cibXml: disk.cibXml, digest: disk.digest } });
    bus.step(3, { kind: "started", persisted: undefined });
    bus.form();
    for (const nodeId of [1, 2, 3]) {
      expect(bus.replica(nodeId).version).toEqual({ adminEpoch: 0, epoch: 2, numUpdates: 0 });
      expect(bus.replica(nodeId).syncing).toBe(false);
    }
  });

  it("refuses a corrupted disk copy and takes the copy of its peers", () => {
    const source = started([1]);
    source.step(1, {
      kind: "write_requested",
      requestId: "w",
      patchset: addPrimitive(source.replica(1), "d"),
    });
    source.flush();
    const good = source.replica(1).cib;
    if (good === undefined) throw new Error("no CIB");
    const bus = new Bus([1, 2]);
    bus.step(1, {
      kind: "started",
      persisted: { cibXml: writeXml(good), digest: cibDigest(good) },
    });
    const text = writeXml(good);
    const effects = bus.step(2, {
      kind: "started",
      persisted: { cibXml: text.slice(0, text.length / 2), digest: cibDigest(good) },
    });
    expect(effects.map((effect) => effect.kind)).toEqual(["warn"]);
    expect(bus.replica(2).cib).toBeUndefined();
    bus.form();
    expect(bus.replica(2).digest).toBe(cibDigest(good));
  });

  it("refuses writes delivered while a sync round is open, on every member alike", () => {
    const bus = started([1, 2]);
    const patchset = addPrimitive(bus.replica(1), "d");
    bus.step(1, { kind: "group_changed", ringId: { representative: 1, seq: 8 }, members: [1, 2] });
    bus.step(1, { kind: "write_requested", requestId: "w", patchset });
    expect(bus.kinds(1)).toContain("reply sync_in_progress");
  });
});

describe("CibReplica after a partition in the middle of a commit", () => {
  it("completes a write its peers only had pending, so one version stays one document", () => {
    const bus = started([1, 2, 3]);
    const patchset = addPrimitive(bus.replica(1), "w");
    const write = bus.step(1, { kind: "write_requested", requestId: "w", patchset })[0];
    if (write?.kind !== "broadcast") throw new Error("no broadcast");
    const deliver = (to: NodeId[], sender: NodeId, payload: string): void => {
      for (const nodeId of to) bus.step(nodeId, { kind: "delivered", sender, payload });
    };
    deliver([1, 2, 3], 1, write.payload);
    const accepts = [2, 3].map((nodeId) => {
      const effect = bus.effects.get(nodeId)?.findLast((each) => each.kind === "broadcast");
      if (effect?.kind !== "broadcast") throw new Error("no accept");
      return { sender: nodeId, payload: effect.payload };
    });
    // Node 1 delivers both acceptances and commits; nodes 2 and 3 never see node 3's.
    for (const accept of accepts) deliver([1], accept.sender, accept.payload);
    deliver([2, 3], 2, accepts[0]?.payload ?? "");
    expect(bus.replica(1).version?.epoch).toBe(2);
    expect(bus.replica(2).version?.epoch).toBe(1);
    // Nodes 2 and 3 form a quorate view without node 1.
    bus.replicas.delete(1);
    for (const nodeId of [2, 3]) {
      bus.step(nodeId, {
        kind: "group_changed",
        ringId: { representative: 2, seq: 8 },
        members: [2, 3],
      });
    }
    bus.flush();
    expect(bus.replica(2).digest).toBe(cibDigest(applyOk(patchset)));
    expect(bus.replica(3).digest).toBe(bus.replica(2).digest);
  });
});

describe("decodeCibMessage()", () => {
  it.each([["not json"], ['{"kind":"write"}'], ['{"kind":"announce","round":1}'], ["[]"]])(
    "rejects %j",
    (text) => {
      expect(decodeCibMessage(text).ok).toBe(false);
    },
  );
});
