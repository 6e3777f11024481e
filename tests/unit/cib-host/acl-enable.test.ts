import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { element, firstChild, type XmlElement } from "../../../backend/cib/index.js";
import type { ClientRequest, ServerMessage } from "../../../backend/protocol/index.js";
import { clusterDaemonIdentity, type ClientIdentity } from "../../../daemons/node/index.js";
import { InProcessCluster, until } from "./in-process-cluster.js";

/**
 * Pacemaker enforces the CIB's ACLs only while the cluster option enable-acl is true (default
 * false): then every cluster user reads and writes everything. Reads, writes and
 * notifications, on a one-node cluster in this process.
 */
let cluster: InProcessCluster;

const alice: ClientIdentity = { user: "alice", unrestricted: false };
const bob: ClientIdentity = { user: "bob", unrestricted: false };

function section(cib: XmlElement, name: string): XmlElement {
  const found = firstChild(firstChild(cib, "configuration") ?? cib, name);
  if (found === undefined) throw new Error(`no ${name} section`);
  return found;
}

/** A client session that keeps what is pushed to it. */
function session(): {
  pushed: ServerMessage[];
  push(message: ServerMessage): void;
  onClosed(): void;
} {
  return {
    pushed: [],
    push(message) {
      this.pushed.push(message);
    },
    onClosed() {},
  };
}

async function ask(
  request: ClientRequest,
  identity: ClientIdentity,
  listener = session(),
): Promise<ServerMessage> {
  return cluster.node("node1").handlers.answer(request, identity, listener);
}

async function write(edit: (cib: XmlElement) => void, identity: ClientIdentity): Promise<string> {
  const written = await cluster.node("node1").cib.write((cib) => {
    edit(cib);
    return cib;
  }, identity);
  return written.ok ? "ok" : (written.issues[0]?.code ?? "refused");
}

const addPrimitive = (id: string) => (cib: XmlElement) => {
  section(cib, "resources").children.push(
    element("primitive", { id, class: "ocf", provider: "pacemaker", type: "Dummy" }),
  );
};

const setOption = (id: string, name: string, value: string) => (cib: XmlElement) => {
  section(cib, "crm_config").children.push(
    element("cluster_property_set", { id }, [
      element("nvpair", { id: `${id}-${name}`, name, value }),
    ]),
  );
};

beforeAll(async () => {
  cluster = await InProcessCluster.create(1);
  await cluster.start("node1");
  await until(() => cluster.node("node1").quorum.status()?.quorate === true, "quorum");
  await until(() => cluster.node("node1").cib.current() !== undefined, "a CIB");
  const acls = element("acls", {}, [
    element("acl_role", { id: "viewer" }, [
      element("acl_permission", {
        id: "viewer-read",
        kind: "read",
        xpath: "/cib/configuration/resources",
      }),
    ]),
    element("acl_target", { id: "bob" }, [element("role", { id: "viewer" })]),
  ]);
  expect(
    await write(
      (cib) => firstChild(cib, "configuration")?.children.push(acls),
      clusterDaemonIdentity,
    ),
  ).toBe("ok");
}, 30_000);

afterAll(async () => {
  await cluster.destroy();
});

describe("enable-acl", () => {
  test("off (the default): a user no ACL names reads, writes and hears everything", async () => {
    const heard = session();
    expect((await ask({ kind: "cib_subscribe_requested", id: 1 }, alice, heard)).kind).toBe(
      "subscribed",
    );
    const query = await ask({ kind: "cib_query_requested", id: 2 }, alice);
    expect(query.kind === "cib_query" && query.xml).toContain("<acls>");
    expect(await write(addPrimitive("by-alice"), alice)).toBe("ok");
    expect(await write(setOption("opts-1", "batch-limit", "10"), clusterDaemonIdentity)).toBe("ok");
    const pushed = heard.pushed.map((message) =>
      message.kind === "cib_changed" ? message.patchset : "",
    );
    expect(pushed).toHaveLength(2);
    expect(pushed[0]).toContain('id="by-alice"');
    expect(pushed[1]).toContain('name="batch-limit"');
  });

  test("on: the ACLs judge reads, writes and notifications", async () => {
    const aliceHeard = session();
    const bobHeard = session();
    await ask({ kind: "cib_subscribe_requested", id: 1 }, alice, aliceHeard);
    await ask({ kind: "cib_subscribe_requested", id: 1 }, bob, bobHeard);
    expect(await write(setOption("acl-on", "enable-acl", "true"), clusterDaemonIdentity)).toBe(
      "ok",
    );
    const denied = await ask({ kind: "cib_query_requested", id: 2 }, alice);
    expect(denied.kind === "error" && denied.code).toBe("permission_denied");
    expect(await write(addPrimitive("by-alice-2"), alice)).toBe("permission_denied");
    expect(await write(addPrimitive("by-bob"), bob)).toBe("permission_denied");
    const seen = await ask({ kind: "cib_query_requested", id: 3 }, bob);
    expect(seen.kind === "cib_query" && seen.xml).toContain('id="by-alice"');
    expect(seen.kind === "cib_query" && seen.xml).not.toContain("<acls>");
    bobHeard.pushed.length = 0;
    aliceHeard.pushed.length = 0;
    expect(await write(addPrimitive("by-root"), clusterDaemonIdentity)).toBe("ok");
    expect(await write(setOption("opts-2", "batch-limit", "20"), clusterDaemonIdentity)).toBe("ok");
    // bob hears the primitive (he reads resources) and not the option; alice hears nothing.
    expect(bobHeard.pushed).toHaveLength(1);
    const change = bobHeard.pushed[0];
    expect(change?.kind === "cib_changed" && change.patchset).toContain('id="by-root"');
    expect(aliceHeard.pushed).toEqual([]);
  });
});
