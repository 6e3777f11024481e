import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ClientConnection,
  ClientError,
  nodeClientTarget,
  patchCib,
  queryCib,
  replaceCib,
  subscribeCib,
} from "../../../backend/client/index.js";
import type { CibChange } from "../../../backend/client/index.js";
import { element, firstChild, readXml, writeXml } from "../../../backend/cib/index.js";
import type { XmlElement } from "../../../backend/cib/index.js";
import {
  cibDigest,
  diffCib,
  parseJournal,
  patchsetToXml,
  setCibVersion,
} from "../../../daemons/cib/index.js";
import { clusterDaemonIdentity } from "../../../daemons/node/index.js";
import { InProcessCluster, until } from "./in-process-cluster.js";

let cluster: InProcessCluster;

function section(cib: XmlElement, name: string): XmlElement {
  const configuration = firstChild(cib, "configuration");
  const found = configuration === undefined ? undefined : firstChild(configuration, name);
  if (found === undefined) throw new Error(`no ${name} section`);
  return found;
}

function primitive(id: string): XmlElement {
  return element("primitive", { id, class: "ocf", provider: "pacemaker", type: "Dummy" });
}

function target(name: string): { url: string; token: string } {
  const found = nodeClientTarget(cluster.stateDir(name));
  if (found === undefined) throw new Error(`${name} has no client channel`);
  return found;
}

async function rejection(promise: Promise<unknown>): Promise<ClientError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ClientError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

beforeAll(async () => {
  cluster = await InProcessCluster.create(3);
  for (const name of cluster.names) await cluster.start(name);
  await until(
    () => cluster.names.every((name) => cluster.node(name).quorum.status()?.quorate === true),
    "a quorate 3-node view",
  );
  await until(() => {
    const one = cluster.node("node1").cib;
    return one.current() !== undefined;
  }, "a CIB on node1");
});

afterAll(async () => {
  await cluster.destroy();
});

describe("the CIB on three in-process nodes", () => {
  test("a local write is on every node's disk when it resolves, and subscribers hear it", async () => {
    const heard: CibChange[] = [];
    const subscription = await subscribeCib(target("node3"), (change) => heard.push(change));
    const written = await cluster.node("node1").cib.write((cib) => {
      section(cib, "resources").children.push(primitive("d1"));
      return cib;
    }, clusterDaemonIdentity);
    expect(written.ok).toBe(true);
    const version = written.ok ? written.value : undefined;
    const digest = cibDigest(cluster.node("node1").cib.current() ?? element("cib"));
    // Acknowledged: every node's journal holds the write (fdatasync'ed before it accepted).
    for (const name of cluster.names) {
      const journal = parseJournal(
        readFileSync(join(cluster.stateDir(name), "cib.journal"), "utf8"),
      );
      const write = journal.find((record) => record.kind === "accepted");
      expect(write?.kind === "accepted" && write.patchsetXml).toContain('<primitive id="d1"');
    }
    // cib.xml and its signature follow once commits pause.
    const snapshotted = (name: string): boolean => {
      try {
        const text = readFileSync(join(cluster.stateDir(name), "cib.xml"), "utf8");
        const signature = readFileSync(join(cluster.stateDir(name), "cib.xml.sig"), "utf8");
        const read = readXml(text);
        return read.ok && cibDigest(read.value) === signature && signature === digest;
      } catch {
        return false;
      }
    };
    await until(() => cluster.names.every(snapshotted), "cib.xml on every node", 5000);
    await until(() => heard.length > 0, "a cib_changed frame");
    expect(heard[0]?.version).toEqual(version);
    expect(heard[0]?.patchset).toContain("primitive");
    subscription.close();
  });

  test("a patch against a stale version is a version_conflict and changes nothing", async () => {
    const connection = await ClientConnection.open(target("node2").url, {
      token: target("node2").token,
    });
    const snapshot = await queryCib(connection);
    const read = readXml(snapshot.xml);
    if (!read.ok) throw new Error("unreadable query");
    const mine = read.value;
    const after = readXml(snapshot.xml);
    if (!after.ok) throw new Error("unreadable query");
    section(after.value, "resources").children.push(primitive("d2"));
    setCibVersion(after.value, { ...snapshot.version, epoch: snapshot.version.epoch + 1 });
    const patch = writeXml(patchsetToXml(diffCib(mine, after.value)));
    const reached = await patchCib(connection, patch);
    expect(reached.epoch).toBe(snapshot.version.epoch + 1);
    // The same patch again: its source is now stale.
    const conflict = await rejection(patchCib(connection, patch));
    expect(conflict.code).toBe("version_conflict");
    const stale = await rejection(replaceCib(connection, snapshot.xml, snapshot.version));
    expect(stale.code).toBe("version_conflict");
    const now = await queryCib(connection, "//primitive[@id='d2']");
    expect(now.version).toEqual(reached);
    connection.close();
  });

  test("an invalid CIB is refused naming what is wrong; bad xml says where", async () => {
    const snapshot = await queryCib(target("node1"));
    const broken = snapshot.xml.replace(
      "<resources>",
      '<resources><primitive id="bad" class="ocf" type="Dummy"/>',
    );
    const invalid = await rejection(replaceCib(target("node1"), broken));
    expect(invalid.code).toBe("invalid_cib");
    expect(invalid.message).toContain("bad");
    const unreadable = await rejection(replaceCib(target("node1"), "<cib><configuration>"));
    expect(unreadable.code).toBe("invalid_cib");
    expect(unreadable.message).toMatch(/line \d+, column \d+/);
    expect((await queryCib(target("node1"))).version).toEqual(snapshot.version);
    const none = await rejection(queryCib(target("node1"), "//primitive[@id='nothing']"));
    expect(none.code).toBe("no_match");
  });

  test("with enable-acl, a user the ACLs do not name may neither read nor write", async () => {
    const alice = { user: "alice", unrestricted: false };
    const node = cluster.node("node1");
    const enabled = await node.cib.write((cib) => {
      section(cib, "crm_config").children.push(
        element("cluster_property_set", { id: "acl-options" }, [
          element("nvpair", { id: "acl-options-enable", name: "enable-acl", value: "true" }),
        ]),
      );
      return cib;
    }, clusterDaemonIdentity);
    expect(enabled.ok).toBe(true);
    const denied = await node.cib.write((cib) => {
      section(cib, "resources").children.push(primitive("d3"));
      return cib;
    }, alice);
    expect(denied.ok ? "" : denied.issues[0]?.code).toBe("permission_denied");
    expect(writeXml(node.cib.current() ?? element("cib"))).not.toContain('id="d3"');
  });

  test("a node restarted on a truncated cib.xml refuses it and syncs from its peers", async () => {
    await cluster.stop("node3");
    const path = join(cluster.stateDir("node3"), "cib.xml");
    writeFileSync(path, readFileSync(path, "utf8").slice(0, 100));
    await until(
      () => cluster.node("node1").quorum.status()?.members.length === 2,
      "node3 out of the view",
    );
    const written = await cluster.node("node1").cib.write((cib) => {
      section(cib, "resources").children.push(primitive("d4"));
      return cib;
    }, clusterDaemonIdentity);
    expect(written.ok ? "ok" : written.issues[0]?.message).toBe("ok");
    const node3 = await cluster.start("node3");
    expect(existsSync(join(cluster.stateDir("node3"), "cib.xml.refused"))).toBe(true);
    const digest = (): string => cibDigest(cluster.node("node1").cib.current() ?? element("cib"));
    await until(() => {
      const copy = node3.cib.current();
      return copy !== undefined && cibDigest(copy) === digest();
    }, "node3 synced");
    expect(readFileSync(path, "utf8")).toContain('id="d4"');
  });
});
