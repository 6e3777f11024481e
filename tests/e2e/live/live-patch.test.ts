import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { XmlElement } from "../../../backend/cib/index.js";
import {
  cloneNode,
  element,
  ensureChild,
  findById,
  readXml,
  writeXml,
} from "../../../backend/cib/index.js";
import {
  ClientConnection,
  nodeClientTarget,
  queryCib,
  replaceCib,
} from "../../../backend/client/index.js";
import type { ClientTarget } from "../../../backend/client/index.js";
import { LiveBackend, StagedSession } from "../../../backend/session/index.js";
import {
  awaitView,
  crm,
  freeBasePort,
  teardown,
  temporaryClusterDir,
} from "../cluster/local-cluster.js";

const nodes = ["node1", "node2", "node3"] as const;
/** Big enough that a whole-CIB write is unmistakable next to a patch. */
const cibBytesMin = 1_500_000;

function parse(text: string): XmlElement {
  const read = readXml(text);
  if (!read.ok) throw new Error(read.issues[0]?.message);
  return read.value;
}

/** A resource template with `count` instance attributes: bulk that sets nothing in motion. */
function template(id: string, count: number): XmlElement {
  const nvpairs = Array.from({ length: count }, (_, index) =>
    element("nvpair", {
      id: `${id}-param${index}`,
      name: `param${index}`,
      value: `/srv/data/${id}/volume-${index}/mount-point`,
    }),
  );
  return element("template", { id, class: "ocf", provider: "pacemaker", type: "Dummy" }, [
    element("instance_attributes", { id: `${id}-instance_attributes` }, nvpairs),
  ]);
}

function resourcesOf(cib: XmlElement): XmlElement {
  return ensureChild(ensureChild(cib, "configuration"), "resources");
}

/** The current CIB grown past `cibBytesMin` with templates (same version: the node bumps it). */
function grown(current: XmlElement): XmlElement {
  const cib = cloneNode(current);
  for (let index = 0; writeXml(cib).length < cibBytesMin; index++) {
    for (let step = 0; step < 100; step++) {
      resourcesOf(cib).children.push(template(`bulk-${index * 100 + step}`, 30));
    }
  }
  return cib;
}

/** The session's working copy with template `id` added or given a new `value`. */
function withTemplate(working: XmlElement, id: string, value: string): XmlElement {
  const next = cloneNode(working);
  const resources = resourcesOf(next);
  resources.children = resources.children.filter(
    (child) => child.kind !== "element" || child.attributes["id"] !== id,
  );
  const made = template(id, 1);
  const nvpair = findById(made, `${id}-param0`);
  if (nvpair !== undefined) nvpair.attributes["value"] = value;
  resources.children.push(made);
  return next;
}

async function open(target: ClientTarget | ClientConnection): Promise<StagedSession> {
  const session = await StagedSession.open(new LiveBackend(target));
  if (!(session instanceof StagedSession)) throw new Error(session[0]?.message);
  return session;
}

function targetOf(dir: string, node: string): ClientTarget {
  const target = nodeClientTarget(join(dir, node));
  if (target === undefined) throw new Error(`${node} has no client channel`);
  return target;
}

/** The value of template `id`'s parameter as `node` holds it (query answered after commit). */
async function valueOn(dir: string, node: string, id: string): Promise<string | undefined> {
  const answer = await queryCib(targetOf(dir, node), `//nvpair[@id='${id}-param0']`);
  return parse(answer.xml).attributes["value"];
}

describe("the live backend commits patches on a big CIB of a 3-node cluster", () => {
  const dir = temporaryClusterDir();
  let connection: ClientConnection;
  let cibBytes = 0;

  beforeAll(async () => {
    const port = await freeBasePort(3);
    const started = crm([
      ...["cluster", "local", "start", "--nodes", "3", "--dir", dir],
      ...["--base-port", String(port)],
    ]);
    if (started.code !== 0) throw new Error(started.stderr);
    await awaitView(dir, "node1", nodes, 30_000);
    const target = targetOf(dir, "node1");
    connection = await ClientConnection.open(target.url, { ...target, timeoutMs: 30_000 });
    for (let attempt = 0; ; attempt++) {
      const snapshot = await queryCib(connection);
      const big = grown(parse(snapshot.xml));
      cibBytes = writeXml(big).length;
      try {
        await replaceCib(connection, writeXml(big), snapshot.version);
        break;
      } catch (error) {
        // The DC's own status writes may win the race; read again and retry.
        if (attempt >= 5) throw error;
      }
    }
  }, 120_000);
  afterAll(async () => {
    connection.close();
    await teardown(dir);
  }, 30_000);

  test("a one-object commit sends a patch of a few KB, not the whole CIB, and lands on every node", async () => {
    const session = await open(connection);
    session.stage(withTemplate(session.working, "patched", "one"));
    const before = connection.bytesSent;
    expect(await session.commit()).toEqual([]);
    const sent = connection.bytesSent - before;
    expect(cibBytes).toBeGreaterThan(cibBytesMin);
    // Whole-CIB frames (the query answers above) travel deflated on this channel.
    expect(connection.socket.extensions).toContain("permessage-deflate");
    // Retries after a lost race with a status write send a patch again: still far below.
    expect(sent).toBeLessThan(16_000);
    for (const node of nodes) expect(await valueOn(dir, node, "patched")).toBe("one");
    expect(session.changed).toBe(false);
    expect(findById(session.original, "patched-param0")?.attributes["value"]).toBe("one");
  }, 60_000);

  test("a commit that lost a race on the same object is refused and keeps the staged changes; refresh and commit again", async () => {
    const mine = await open(connection);
    mine.stage(withTemplate(mine.working, "raced", "mine"));
    const theirs = await open(targetOf(dir, "node2"));
    theirs.stage(withTemplate(theirs.working, "raced", "theirs"));
    expect(await theirs.commit()).toEqual([]);
    const refused = await mine.commit();
    expect(refused[0]?.code).toBe("cib_conflict");
    expect(refused[0]?.message).toMatch(
      /the CIB changed since it was read; nothing was written \(read at version 0\.\d+\.\d+, now at 0\.\d+\.\d+\) and your staged changes are kept/,
    );
    expect(refused.map((found) => found.message).join("\n")).toContain(
      '"raced" changed in the CIB too',
    );
    expect(mine.changed).toBe(true);
    expect(mine.conflict).toBeDefined();
    expect(await valueOn(dir, "node3", "raced")).toBe("theirs");
    expect(await mine.refresh()).toEqual([]);
    expect(await mine.commit()).toEqual([]);
    for (const node of nodes) expect(await valueOn(dir, node, "raced")).toBe("mine");
  }, 60_000);

  test("commit force writes over the other client's change to the same object, as a patch", async () => {
    const mine = await open(connection);
    mine.stage(withTemplate(mine.working, "forced", "mine"));
    const theirs = await open(targetOf(dir, "node3"));
    theirs.stage(withTemplate(theirs.working, "forced", "theirs"));
    expect(await theirs.commit()).toEqual([]);
    const before = connection.bytesSent;
    expect(await mine.commit({ force: true })).toEqual([]);
    expect(connection.bytesSent - before).toBeLessThan(16_000);
    for (const node of nodes) expect(await valueOn(dir, node, "forced")).toBe("mine");
  }, 60_000);

  test("commit replace sends the whole CIB and is refused when the CIB moved on", async () => {
    const mine = await open(connection);
    mine.stage(withTemplate(mine.working, "replaced", "whole"));
    const before = connection.bytesSent;
    const issues = await mine.commit({ replace: true });
    if (issues.length === 0) {
      expect(connection.bytesSent - before).toBeGreaterThan(cibBytesMin);
      expect(await valueOn(dir, "node2", "replaced")).toBe("whole");
    } else {
      // A status write raced it: replace checks the version and does not replay.
      expect(issues[0]?.code).toBe("cib_conflict");
    }
    const stale = await open(connection);
    stale.stage(withTemplate(stale.working, "replaced", "stale"));
    const other = await open(targetOf(dir, "node2"));
    other.stage(withTemplate(other.working, "elsewhere", "other"));
    expect(await other.commit()).toEqual([]);
    const refused = await stale.commit({ replace: true });
    expect(refused[0]?.code).toBe("cib_conflict");
    expect(stale.changed).toBe(true);
    expect(await stale.commit({ replace: true, force: true })).toEqual([]);
    expect(await valueOn(dir, "node3", "replaced")).toBe("stale");
  }, 60_000);
});
