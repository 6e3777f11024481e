import { describe, expect, test } from "vitest";
import { cloneNode, element, ensureChild } from "../../../backend/cib/index.js";
import {
  CibReplica,
  cibVersion,
  diffCib,
  nextVersion,
  setCibVersion,
  type CibEffect,
  type CibInput,
  type PersistedCib,
} from "../../../daemons/cib/index.js";
import type { NodeId } from "../../../daemons/kernel/index.js";

/** One replica with its disk (CIB and pending list) and what it broadcast. */
class Node {
  replica: CibReplica;
  disk: PersistedCib | undefined;
  pending: readonly string[] = [];
  readonly sent: string[] = [];
  readonly kinds: string[] = [];

  constructor(readonly nodeId: NodeId) {
    this.replica = this.#boot();
  }

  /** kill -9 and start again on what the disk holds. */
  restart(): void {
    this.replica = this.#boot();
  }

  step(input: CibInput): void {
    this.replica.step(input);
    for (const effect of this.replica.drain()) this.#perform(effect);
  }

  #boot(): CibReplica {
    this.replica = new CibReplica({ nodeId: this.nodeId, group: "cib" });
    this.step({ kind: "started", persisted: this.disk, pending: this.pending });
    return this.replica;
  }

  #perform(effect: CibEffect): void {
    this.kinds.push(effect.kind);
    if (effect.kind === "broadcast") this.sent.push(effect.payload);
    if (effect.kind === "persist") this.disk = { cibXml: effect.cibXml, digest: effect.digest };
    if (effect.kind === "persist_pending") this.pending = effect.pending;
  }
}

/** Delivers every message sent so far by `from` to `to`, in order, then forgets them. */
function deliver(from: Node, to: readonly Node[]): void {
  for (const payload of from.sent.splice(0)) {
    for (const node of to) node.step({ kind: "delivered", sender: from.nodeId, payload });
  }
}

function form(nodes: readonly Node[], seq: number): void {
  const members = nodes.map((node) => node.nodeId);
  for (const node of nodes) {
    node.step({ kind: "quorum_changed", quorate: true });
    node.step({ kind: "group_changed", ringId: { representative: members[0] ?? 1, seq }, members });
  }
  for (let round = 0; round < 3; round++) for (const node of nodes) deliver(node, nodes);
}

describe("a member's acceptance is durable (seed 2348)", () => {
  test("accepting persists the pending write before saying applied", () => {
    const [one, two] = [new Node(1), new Node(2)];
    form([one, two], 4);
    const cib = one.replica.cib;
    if (cib === undefined) throw new Error("no CIB");
    const next = cloneNode(cib);
    ensureChild(ensureChild(next, "configuration"), "resources").children.push(
      element("primitive", { id: "d1", class: "ocf", provider: "pacemaker", type: "Dummy" }),
    );
    setCibVersion(next, nextVersion(cibVersion(cib), true));
    one.step({ kind: "write_requested", requestId: "w", patchset: diffCib(cib, next) });
    two.kinds.length = 0;
    deliver(one, [one, two]);
    expect(two.kinds.slice(0, 2)).toEqual(["persist_pending", "broadcast"]);
    expect(two.pending).toHaveLength(1);

    // node1 alone hears node2's `applied` and commits 0.2.0; then the ring breaks, node2 is
    // killed before it learns the outcome, and node1 goes down too.
    deliver(two, [one]);
    expect(one.replica.version?.epoch).toBe(2);
    const committed = one.replica.digest;
    two.restart();
    expect(two.replica.version?.epoch).toBe(1);

    // node2 and a fresh node3 form a quorate view: the remembered write is completed, so
    // version 0.2.0 is the document node1 holds, never a rival one.
    const three = new Node(3);
    form([two, three], 8);
    expect(two.replica.version?.epoch).toBe(2);
    expect(two.replica.digest).toBe(committed);
    expect(three.replica.digest).toBe(committed);
  });
});
