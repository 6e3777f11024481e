import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { setResourceAttribute, setTargetRole } from "../../../backend/admin/index.js";
import type { XmlElement } from "../../../backend/cib/index.js";
import { findById, writeXml } from "../../../backend/cib/index.js";
import {
  FileBackend,
  replayChanges,
  StagedSession,
  withMembership,
} from "../../../backend/session/index.js";
import { fixtureCib, fixturePath } from "./oracle-cib.js";

const keep = { overrideChildren: false };

function staged(result: { ok: boolean; value?: { cib: XmlElement } }): XmlElement {
  if (!result.ok || result.value === undefined) throw new Error("transformation failed");
  return result.value.cib;
}

describe("replayChanges()", () => {
  const base = fixtureCib();
  const mine = staged(setTargetRole(base, ["d1"], "Stopped", keep));

  test("replays this session's objects onto a CIB another client changed elsewhere", () => {
    const theirs = staged(
      setResourceAttribute(base, { resource: "d2", kind: "meta", name: "priority", value: "5" }),
    );
    const replayed = replayChanges(base, mine, theirs);
    if (!replayed.ok) throw new Error(replayed.issues[0]?.message);
    expect(findById(replayed.value, "d1-meta_attributes-target-role")?.attributes["value"]).toBe(
      "Stopped",
    );
    expect(findById(replayed.value, "d2-meta_attributes-priority")?.attributes["value"]).toBe("5");
  });

  test("refuses when both changed the same object differently, naming it", () => {
    const theirs = staged(
      setResourceAttribute(base, { resource: "d1", kind: "meta", name: "priority", value: "5" }),
    );
    const replayed = replayChanges(base, mine, theirs);
    expect(replayed.ok).toBe(false);
    expect(replayed.issues[0]?.message).toBe(
      'Cannot replay the staged changes: "d1/d1-meta_attributes" changed in the CIB too',
    );
    const mineWins = replayChanges(base, mine, theirs, "mine");
    if (!mineWins.ok) throw new Error("prefer mine");
    expect(findById(mineWins.value, "d1-meta_attributes-target-role")).toBeDefined();
  });

  test("a deletion replays: objects this session removed leave the newer CIB too", () => {
    const withoutStatus = {
      ...mine,
      children: mine.children.filter(
        (child) => child.kind !== "element" || child.name !== "status",
      ),
    };
    const replayed = replayChanges(base, withoutStatus, mine);
    if (!replayed.ok) throw new Error(replayed.issues[0]?.message);
    expect(writeXml(replayed.value)).not.toContain("<node_state");
  });
});

describe("StagedSession over a CIB file", () => {
  let folder: string;
  let path: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), "quorate-session-"));
    path = join(folder, "cib.xml");
    copyFileSync(fixturePath, path);
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  test("on a CIB file any concurrent write refuses the commit; refresh replays and the retry merges", async () => {
    const session = await StagedSession.open(new FileBackend(path));
    if (!("working" in session)) throw new Error("open");
    session.stage(staged(setTargetRole(session.working, ["d1"], "Stopped", keep)));
    const other = staged(
      setResourceAttribute(fixtureCib(), {
        resource: "d2",
        kind: "meta",
        name: "priority",
        value: "5",
      }),
    );
    writeFileSync(
      path,
      writeXml({ ...other, attributes: { ...other.attributes, epoch: "3", num_updates: "0" } }),
    );
    expect((await session.commit())[0]?.code).toBe("cib_file_conflict");
    expect(await session.refresh()).toEqual([]);
    expect(await session.commit()).toEqual([]);
    const text = readFileSync(path, "utf8");
    expect(text).toContain('name="target-role" value="Stopped"');
    expect(text).toContain('name="priority" value="5"');
    expect(text).toContain('epoch="4" num_updates="0"');
  });

  test("a race on the same object is refused naming both versions; refresh keeps mine for the retry", async () => {
    const session = await StagedSession.open(new FileBackend(path));
    if (!("working" in session)) throw new Error("open");
    session.stage(staged(setTargetRole(session.working, ["d1"], "Stopped", keep)));
    const other = staged(
      setResourceAttribute(fixtureCib(), {
        resource: "d1",
        kind: "meta",
        name: "priority",
        value: "5",
      }),
    );
    writeFileSync(
      path,
      writeXml({ ...other, attributes: { ...other.attributes, epoch: "3", num_updates: "0" } }),
    );
    const refused = await session.commit();
    expect(refused[0]?.message).toContain(
      "(read at version 0.2.22, now at 0.3.0) and your staged changes are kept",
    );
    expect(session.conflict).toBeDefined();
    expect(session.changed).toBe(true);
    expect(readFileSync(path, "utf8")).not.toContain("target-role");
    expect(await session.refresh()).toEqual([]);
    expect(session.conflict).toBeUndefined();
    expect(await session.commit()).toEqual([]);
    expect(readFileSync(path, "utf8")).toContain('name="target-role" value="Stopped"');
  });

  test("refresh without a lost race drops the staged changes, as crmsh does", async () => {
    const session = await StagedSession.open(new FileBackend(path));
    if (!("working" in session)) throw new Error("open");
    session.stage(staged(setTargetRole(session.working, ["d1"], "Stopped", keep)));
    expect(await session.refresh()).toEqual([]);
    expect(session.changed).toBe(false);
  });
});

describe("withMembership()", () => {
  const members = [
    { nodeid: 1, name: "node1", votes: 1 },
    { nodeid: 3, name: "node3", votes: 1 },
  ];
  const quorum = {
    provider: "corosync_votequorum",
    localNodeid: 1,
    localName: "node1",
    ringId: { representative: 1, sequence: 8 },
    quorate: true,
    expectedVotes: 3,
    highestExpected: 3,
    totalVotes: 2,
    quorum: 2,
    flags: ["Quorate" as const],
    members,
  };

  test("adds members the CIB does not record, keeps what it records, and sets have-quorum", () => {
    const joined = withMembership(fixtureCib(), quorum);
    expect(joined.attributes["have-quorum"]).toBe("1");
    const text = writeXml(joined);
    expect(text).toContain('<node id="3" uname="node3"/>');
    expect(text).toContain(
      '<node_state id="3" uname="node3" in_ccm="true" crmd="online" join="member" expected="member"/>',
    );
    expect(text.match(/<node_state id="node1"/g)).toHaveLength(1);
    expect(text).not.toContain('<node id="1"');
  });
});
