import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { element, ensureChild, type XmlElement } from "../../../backend/cib/index.js";
import type { RingId } from "../../../daemons/kernel/index.js";
import { cibAclAccess, clusterDaemonIdentity } from "../../../daemons/node/cib-access.js";
import { CibFiles } from "../../../daemons/node/cib-files.js";
import { CibHost } from "../../../daemons/node/cib-host.js";
import { CibStore } from "../../../daemons/node/cib-store.js";
import type { ClusterBus, GroupListener } from "../../../daemons/node/cluster-bus.js";

/**
 * A one-node cib group whose messages wait until the test delivers them, so a write can be
 * made to meet a view change between its broadcast and its turn in the agreed order.
 */
class HeldBus {
  listener: GroupListener | undefined;
  readonly queued: string[] = [];
  #seq = 0;

  asBus(): ClusterBus {
    return this as unknown as ClusterBus;
  }
  joinGroup(_group: string, listener: GroupListener): void {
    this.listener = listener;
  }
  leaveGroup(): void {
    this.listener = undefined;
  }
  onView(): void {}
  broadcast(_group: string, payload: string): void {
    this.queued.push(payload);
  }
  ringChanged(seq: number): void {
    const ringId: RingId = { representative: 1, seq };
    this.listener?.changed?.({ ringId, members: [1], joined: [], left: [] });
  }
  deliverNext(): void {
    const payload = this.queued.shift();
    if (payload === undefined) throw new Error("Nothing to deliver");
    const ringId: RingId = { representative: 1, seq: 0 };
    this.listener?.delivered({ ringId, seq: this.#seq++, sender: 1, payload });
  }
}

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function startHost(bus: HeldBus): CibHost {
  const folder = mkdtempSync(join(tmpdir(), "quorate-held-writes-"));
  folders.push(folder);
  const host = new CibHost({
    localNodeId: 1,
    localName: "node1",
    bus: bus.asBus(),
    store: new CibStore(new CibFiles(folder)),
    log: { write: () => undefined },
    access: cibAclAccess,
  });
  host.start();
  host.quorumChanged(true);
  bus.ringChanged(1);
  bus.deliverNext(); // the round's announcement: one member, so the round is over
  expect(host.core.syncing).toBe(false);
  return host;
}

const addPrimitive =
  (id: string) =>
  (cib: XmlElement): XmlElement => {
    ensureChild(ensureChild(cib, "configuration"), "resources").children.push(
      element("primitive", { id, class: "ocf", provider: "pacemaker", type: "Dummy" }),
    );
    return cib;
  };

describe("CibHost holds writes during a sync round", () => {
  test("a write whose turn comes during a sync round is made once the round is over", async () => {
    const bus = new HeldBus();
    const host = startHost(bus);
    const written = host.write(addPrimitive("d1"), clusterDaemonIdentity);
    bus.ringChanged(2); // a view change: a sync round opens before the write's turn
    bus.deliverNext(); // the write, refused by every member for the round
    expect(host.core.syncing).toBe(true);
    bus.deliverNext(); // the announcement ends the round; the write is made again
    bus.deliverNext();
    const result = await written;
    expect(result.ok).toBe(true);
    expect(JSON.stringify(host.current())).toContain('"d1"');
    host.stop();
  });

  test("a write made during a sync round waits for it instead of being refused", async () => {
    const bus = new HeldBus();
    const host = startHost(bus);
    bus.ringChanged(2);
    const written = host.write(addPrimitive("d2"), clusterDaemonIdentity);
    expect(bus.queued).toHaveLength(1); // only the announcement: the write is held
    bus.deliverNext();
    bus.deliverNext();
    expect((await written).ok).toBe(true);
    host.stop();
  });
});
