import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { XmlElement } from "../../../backend/cib/index.js";
import { cloneNode, findById, readXml, writeXml } from "../../../backend/cib/index.js";
import type { ClientTarget } from "../../../backend/client/index.js";
import {
  nodeClientTarget,
  pollUntil,
  queryCib,
  replaceCib,
} from "../../../backend/client/index.js";
import { LiveBackend, StagedSession } from "../../../backend/session/index.js";
import { hashPassword, writeUsers } from "../../../backend/users/index.js";
import { startLocalCluster, teardown, temporaryClusterDir } from "../../support/local-cluster.js";

/**
 * A user whose ACLs hide the <cib> element itself (it reads the resources only) commits
 * through the live backend: the patch names the version from the query's answer, and the
 * node holds it to its role.
 */
const configuration = `
  <crm_config>
    <cluster_property_set id="cib-bootstrap-options">
      <nvpair id="cib-bootstrap-options-enable-acl" name="enable-acl" value="true"/>
    </cluster_property_set>
  </crm_config>
  <nodes/>
  <resources>
    <primitive id="db" class="ocf" provider="heartbeat" type="Dummy">
      <meta_attributes id="db-meta"><nvpair id="db-target-role" name="target-role" value="Started"/></meta_attributes>
    </primitive>
  </resources>
  <constraints/>
  <acls>
    <acl_role id="tuner">
      <acl_permission id="tuner-read" kind="read" xpath="/cib/configuration/resources"/>
      <acl_permission id="tuner-target-role" kind="write"
          xpath="//meta_attributes/nvpair[@name='target-role']"/>
    </acl_role>
    <acl_target id="tina"><role id="tuner"/></acl_target>
  </acls>`;

let dir = "";
let root: ClientTarget;

function parse(text: string): XmlElement {
  const read = readXml(text);
  if (!read.ok) throw new Error(read.issues[0]?.message);
  return read.value;
}

async function rootCib(): Promise<XmlElement> {
  return parse((await queryCib(root)).xml);
}

beforeAll(async () => {
  dir = temporaryClusterDir();
  await startLocalCluster(dir, { nodes: 1 });
  const stateDir = join(dir, "node1");
  await pollUntil(() => nodeClientTarget(stateDir) !== undefined, { timeoutMs: 20_000 });
  const target = nodeClientTarget(stateDir);
  if (target === undefined) throw new Error("node1 did not start");
  root = target;
  for (let attempt = 0; ; attempt++) {
    try {
      const cib = await rootCib();
      const section = parse(`<configuration>${configuration}</configuration>`);
      cib.children = cib.children.map((child) =>
        child.kind === "element" && child.name === "configuration" ? section : child,
      );
      await replaceCib(root, writeXml(cib));
      break;
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const quick = { cost: 1024, blockSize: 8, parallelization: 1 };
  const passwordHash = await hashPassword("tina-pw", quick);
  writeUsers(join(dir, "users"), [{ name: "tina", passwordHash, groups: [] }]);
}, 90_000);

afterAll(async () => {
  if (dir !== "") await teardown(dir);
}, 30_000);

describe("a commit by a user whose ACLs hide the <cib> element", () => {
  async function tinaSession(): Promise<StagedSession> {
    const tina = { url: root.url, token: "", credentials: { user: "tina", password: "tina-pw" } };
    const session = await StagedSession.open(new LiveBackend(tina));
    if (!(session instanceof StagedSession)) throw new Error(session[0]?.message);
    return session;
  }

  test("reads a bare <cib> that still carries the version, and commits within the role", async () => {
    const session = await tinaSession();
    expect(session.original.attributes["epoch"]).toBe((await rootCib()).attributes["epoch"]);
    expect(writeXml(session.original)).not.toContain("acl_role");
    const next = cloneNode(session.working);
    const role = findById(next, "db-target-role");
    if (role === undefined) throw new Error("db-target-role is not readable");
    role.attributes["value"] = "Stopped";
    session.stage(next);
    expect(await session.commit()).toEqual([]);
    const now = await rootCib();
    expect(findById(now, "db-target-role")?.attributes["value"]).toBe("Stopped");
    // The patch touched only what changed: the ACLs tina cannot see are all still there.
    expect(findById(now, "tuner-read")).toBeDefined();
  }, 30_000);

  test("a change beyond the role is refused and nothing is written", async () => {
    const session = await tinaSession();
    const next = cloneNode(session.working);
    const db = findById(next, "db");
    if (db === undefined) throw new Error("db is not readable");
    db.attributes["description"] = "changed";
    session.stage(next);
    const refused = await session.commit();
    expect(refused[0]?.code).toBe("cib_refused");
    expect(refused[0]?.message).toMatch(/permission_denied|not allowed|denied/i);
    expect(findById(await rootCib(), "db")?.attributes["description"]).toBeUndefined();
  }, 30_000);
});
