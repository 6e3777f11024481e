import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { element, emptyCib, ensureChild, readXml, writeXml } from "../../../backend/cib/index.js";
import type { XmlElement } from "../../../backend/cib/index.js";
import {
  cibDigest,
  cibVersion,
  diffCib,
  journalKey,
  journalLine,
  nextVersion,
  parseJournal,
  patchsetToXml,
  replayJournal,
  setCibVersion,
  type JournalRecord,
} from "../../../daemons/cib/index.js";
import { CibFiles } from "../../../daemons/node/cib-files.js";
import { CibStore } from "../../../daemons/node/cib-store.js";

/** A chain of CIBs, each with one more primitive, and the patchsets (XML) between them. */
function chain(length: number): { cibs: XmlElement[]; patches: string[] } {
  const cibs = [emptyCib()];
  const patches: string[] = [];
  for (let index = 1; index <= length; index++) {
    const before = cibs[index - 1] ?? emptyCib();
    const after = readXml(writeXml(before));
    if (!after.ok) throw new Error("unreadable");
    ensureChild(ensureChild(after.value, "configuration"), "resources").children.push(
      element("primitive", {
        id: `p${index}`,
        class: "ocf",
        provider: "heartbeat",
        type: "IPaddr2",
      }),
    );
    setCibVersion(after.value, nextVersion(cibVersion(before), true));
    cibs.push(after.value);
    patches.push(writeXml(patchsetToXml(diffCib(before, after.value)), { indent: 0 }));
  }
  return { cibs, patches };
}

const accepted = (patchsetXml: string): JournalRecord => ({
  kind: "accepted",
  key: journalKey(patchsetXml),
  patchsetXml,
});

describe("replayJournal", () => {
  const { cibs, patches } = chain(3);
  const [zero, one, two, three] = cibs;
  const [toOne, toTwo, toThree] = patches;
  if (!zero || !one || !two || !three || !toOne || !toTwo || !toThree) throw new Error("chain");

  test("committed writes are replayed in version order; the rest stay pending", () => {
    const records: JournalRecord[] = [
      accepted(toTwo),
      accepted(toOne),
      accepted(toThree),
      { kind: "committed", key: journalKey(toOne) },
      { kind: "committed", key: journalKey(toTwo) },
    ];
    const replayed = replayJournal(zero, records);
    expect(replayed.cib && cibDigest(replayed.cib)).toBe(cibDigest(two));
    expect(replayed.pending).toEqual([toThree]);
  });

  test("a torn last line is skipped; without a snapshot every accepted write is pending", () => {
    const text = journalLine(accepted(toOne)) + journalLine(accepted(toTwo)).slice(0, 30);
    const records = parseJournal(text);
    expect(records).toHaveLength(1);
    expect(replayJournal(undefined, records)).toEqual({ cib: undefined, pending: [toOne] });
  });
});

describe("CibStore: write-ahead journal, cib.xml after a pause", () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
  });
  const { cibs, patches } = chain(2);
  const persisted = (cib: XmlElement) => ({ cibXml: writeXml(cib), digest: cibDigest(cib) });

  test("after a kill -9 between commit and snapshot, restart replays the journal", () => {
    const folder = mkdtempSync(join(tmpdir(), "quorate-cib-store-"));
    folders.push(folder);
    const timing = { snapshotQuietMs: 60_000, snapshotLatestMs: 60_000 };
    const store = new CibStore(new CibFiles(folder), timing);
    store.committed(persisted(cibs[0] ?? emptyCib()));
    store.accepted([patches[0] ?? "", patches[1] ?? ""]);
    store.committed(persisted(cibs[1] ?? emptyCib()), patches[0]);
    // Killed here: cib.xml is still version 1, the journal says the write to 2 committed.
    expect(readFileSync(join(folder, "cib.xml"), "utf8")).not.toContain("p1");
    const loaded = new CibStore(new CibFiles(folder), timing).load();
    expect(loaded.persisted?.digest).toBe(cibDigest(cibs[1] ?? emptyCib()));
    expect(loaded.pending).toEqual([patches[1]]);
    // The replayed CIB is written at once, and the journal cut back to what is pending.
    expect(readFileSync(join(folder, "cib.xml"), "utf8")).toContain("p1");
    const journal = parseJournal(readFileSync(join(folder, "cib.journal"), "utf8"));
    expect(journal.map((record) => record.kind)).toEqual(["accepted"]);
    store.close();
  });

  test("a commit whose write the journal does not hold is written to cib.xml at once", () => {
    const folder = mkdtempSync(join(tmpdir(), "quorate-cib-store-"));
    folders.push(folder);
    const store = new CibStore(new CibFiles(folder));
    store.committed(persisted(cibs[2] ?? emptyCib()));
    expect(readFileSync(join(folder, "cib.xml"), "utf8")).toContain("p2");
    store.close();
  });
});

describe("CibStore: cib.xml written in the background", () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
  });
  const { cibs, patches } = chain(3);
  const persisted = (cib: XmlElement) => ({ cibXml: writeXml(cib), digest: cibDigest(cib) });
  const at = (index: number): XmlElement => cibs[index] ?? emptyCib();
  const patch = (index: number): string => patches[index] ?? "";

  async function settled(check: () => boolean): Promise<void> {
    for (let attempt = 0; !check(); attempt++) {
      if (attempt > 500) throw new Error("cib.xml was not written");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  test("commits made while it is written stay in the journal, and a restart replays them", async () => {
    const folder = mkdtempSync(join(tmpdir(), "quorate-cib-store-"));
    folders.push(folder);
    const timing = { snapshotQuietMs: 60_000, snapshotLatestMs: 60_000 };
    const store = new CibStore(new CibFiles(folder), timing);
    store.committed(persisted(at(0)));
    store.accepted([patch(0)]);
    store.committed(persisted(at(1)), patch(0));
    store.flush(); // version 1 goes to disk in the background...
    store.accepted([patch(1)]);
    store.committed(persisted(at(2)), patch(1)); // ...while version 2 commits
    const text = (): string => readFileSync(join(folder, "cib.xml"), "utf8");
    await settled(() => text().includes("p1"));
    expect(text()).not.toContain("p2");
    const journal = parseJournal(readFileSync(join(folder, "cib.journal"), "utf8"));
    expect(journal).toEqual([
      { kind: "accepted", key: journalKey(patch(1)), patchsetXml: patch(1) },
      { kind: "committed", key: journalKey(patch(1)) },
    ]);
    const loaded = new CibStore(new CibFiles(folder), timing).load();
    expect(loaded.persisted?.digest).toBe(cibDigest(at(2)));
    expect(loaded.pending).toEqual([]);
    store.close();
  });

  test("a stop while a copy is being written puts the newest commit in cib.xml", async () => {
    const folder = mkdtempSync(join(tmpdir(), "quorate-cib-store-"));
    folders.push(folder);
    const timing = { snapshotQuietMs: 60_000, snapshotLatestMs: 60_000 };
    const store = new CibStore(new CibFiles(folder), timing);
    store.committed(persisted(at(0)));
    store.accepted([patch(0), patch(1)]);
    store.committed(persisted(at(1)), patch(0));
    store.flush();
    store.committed(persisted(at(2)), patch(1));
    store.close();
    const text = readFileSync(join(folder, "cib.xml"), "utf8");
    expect(text).toContain("p2");
    // The write that was in flight finds itself stale and leaves cib.xml alone.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readFileSync(join(folder, "cib.xml"), "utf8")).toBe(text);
    expect(readFileSync(join(folder, "cib.xml.sig"), "utf8")).toBe(cibDigest(at(2)));
  });
});

describe("parseJournal", () => {
  test("reads a journal whose records name writes by the digest of their result", () => {
    const text =
      `${JSON.stringify({ kind: "accepted", digest: "d1", patchsetXml: "<diff/>" })}\n` +
      `${JSON.stringify({ kind: "committed", digest: "d1" })}\n`;
    expect(parseJournal(text)).toEqual([
      { kind: "accepted", key: "d1", patchsetXml: "<diff/>" },
      { kind: "committed", key: "d1" },
    ]);
  });
});
