import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import {
  ClientError,
  nodeClientTarget,
  pollUntil,
  queryCib,
  replaceCib,
  type ClientTarget,
} from "../../../backend/client/index.js";
import { readXml, writeXml, findById, type XmlElement } from "../../../backend/cib/index.js";
import { hashPassword, writeUsers } from "../../../backend/users/index.js";
import {
  crm,
  startLocalCluster,
  teardown,
  temporaryClusterDir,
} from "../../support/local-cluster.js";

/**
 * A real one-node cluster: root (the client token) configures resources and ACLs; cluster
 * users log in with passwords and are held to the ACLs; bad logins get no data.
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
      <instance_attributes id="db-params"><nvpair id="db-secret" name="secret" value="hunter2"/></instance_attributes>
      <meta_attributes id="db-meta"><nvpair id="db-target-role" name="target-role" value="Started"/></meta_attributes>
    </primitive>
  </resources>
  <constraints/>
  <acls>
    <acl_role id="viewer">
      <acl_permission id="viewer-read" kind="read" xpath="/cib/configuration/resources"/>
      <acl_permission id="viewer-deny" kind="deny" xpath="//instance_attributes"/>
    </acl_role>
    <acl_role id="operator">
      <acl_permission id="operator-read" kind="read" xpath="/cib"/>
      <acl_permission id="operator-target-role" kind="write"
          xpath="//meta_attributes/nvpair[@name='target-role']"/>
    </acl_role>
    <acl_target id="alice"><role id="viewer"/></acl_target>
    <acl_group id="ops"><role id="operator"/></acl_group>
  </acls>`;

let dir = "";
let url = "";
let root: ClientTarget;
const passwords = { alice: "alice-pw", carol: "carol-pw", eve: "eve-pw" };

function as(user: keyof typeof passwords, password = passwords[user]): ClientTarget {
  return { url, token: "", credentials: { user, password } };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "no error";
  } catch (error) {
    return error instanceof ClientError ? `${error.code}: ${error.message}` : String(error);
  }
}

async function currentCib(): Promise<XmlElement> {
  const read = readXml((await queryCib(root)).xml);
  if (!read.ok) throw new Error("unreadable CIB");
  return read.value;
}

beforeAll(async () => {
  dir = temporaryClusterDir();
  const started = await startLocalCluster(dir, { nodes: 1 });
  expect(started.stderr).toContain("Started 1 quorated");
  const stateDir = join(dir, "node1");
  await pollUntil(() => nodeClientTarget(stateDir) !== undefined, { timeoutMs: 20_000 });
  const target = nodeClientTarget(stateDir);
  if (target === undefined) throw new Error("node1 did not start");
  root = target;
  url = target.url;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const cib = await currentCib();
      const section = readXml(`<configuration>${configuration}</configuration>`);
      if (!section.ok) throw new Error(section.issues[0]?.message);
      cib.children = cib.children.map((child) =>
        child.kind === "element" && child.name === "configuration" ? section.value : child,
      );
      await replaceCib(root, writeXml(cib));
      break;
    } catch (error) {
      if (attempt === 99) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const quick = { cost: 1024, blockSize: 8, parallelization: 1 };
  writeUsers(join(dir, "users"), [
    { name: "alice", passwordHash: await hashPassword(passwords.alice, quick), groups: [] },
    { name: "carol", passwordHash: await hashPassword(passwords.carol, quick), groups: ["ops"] },
    { name: "eve", passwordHash: await hashPassword(passwords.eve, quick), groups: [] },
  ]);
}, 90_000);

afterAll(async () => {
  if (dir !== "") await teardown(dir);
});

describe("client logins and ACLs on a live cluster", () => {
  test("a client with no token or credentials is refused (HTTP 401)", async () => {
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(url);
      socket.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
      socket.once("open", () => resolve(101));
    });
    expect(status).toBe(401);
    expect(await refusal(queryCib({ url, token: "not-the-token" }))).toContain("unauthorized");
  });

  test("a wrong password and an unknown user are refused alike, with no data", async () => {
    expect(await refusal(queryCib(as("alice", "wrong")))).toBe(
      'unauthorized: The node refused the login of user "alice" (wrong user or password)',
    );
    const unknown = { url, token: "", credentials: { user: "mallory", password: "x" } };
    expect(await refusal(queryCib(unknown))).toContain("unauthorized");
  });

  test("a user no ACL names gets an error and no data, and cannot write", async () => {
    expect(await refusal(queryCib(as("eve")))).toMatch(/^permission_denied/);
    const cib = await currentCib();
    const role = findById(cib, "db-target-role");
    if (role !== undefined) role.attributes["value"] = "Stopped";
    expect(await refusal(replaceCib(as("eve"), writeXml(cib)))).toMatch(/^permission_denied/);
  });

  test("a viewer reads what its role allows and nothing denied", async () => {
    const snapshot = await queryCib(as("alice"));
    expect(snapshot.xml).toContain('id="db"');
    expect(snapshot.xml).toContain("target-role");
    expect(snapshot.xml).not.toContain("hunter2");
    expect(snapshot.xml).not.toContain("acl_role");
    const cib = await currentCib();
    const role = findById(cib, "db-target-role");
    if (role !== undefined) role.attributes["value"] = "Stopped";
    expect(await refusal(replaceCib(as("alice"), writeXml(cib)))).toMatch(/^permission_denied/);
  });

  test("a group member writes within its role and is refused beyond it", async () => {
    const cib = await currentCib();
    const role = findById(cib, "db-target-role");
    if (role !== undefined) role.attributes["value"] = "Stopped";
    expect(await refusal(replaceCib(as("carol"), writeXml(cib)))).toBe("no error");
    expect(findById(await currentCib(), "db-target-role")?.attributes["value"]).toBe("Stopped");
    const next = await currentCib();
    const secret = findById(next, "db-secret");
    if (secret !== undefined) secret.attributes["value"] = "changed";
    expect(await refusal(replaceCib(as("carol"), writeXml(next)))).toMatch(/^permission_denied/);
    expect(findById(await currentCib(), "db-secret")?.attributes["value"]).toBe("hunter2");
  });

  test("crm cluster user add takes effect at the next login (the users file is re-read)", async () => {
    const unknown = { url, token: "", credentials: { user: "dave", password: "dave-pw" } };
    expect(await refusal(queryCib(unknown))).toContain("unauthorized");
    const added = spawnSync(
      process.execPath,
      [
        "--import",
        import.meta.resolve("tsx"),
        "shell/bin/crm.ts",
        "cluster",
        "user",
        "add",
        "dave",
      ].concat(["--password-stdin", "--groups", "ops"]),
      { input: "dave-pw\n", encoding: "utf8", env: { ...process.env, CRM_CLUSTER: dir } },
    );
    expect(added.stderr).toContain('Added user "dave"');
    expect((await queryCib(unknown)).xml).toContain("acl_role");
    const again = crm(["cluster", "user", "add", "dave", "--password-stdin"], { CRM_CLUSTER: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('User "dave" already exists');
  });

  test("crm configure show as a user (CRM_USER, CRM_PASSWORD) shows only what it may read", () => {
    const shown = crm(["configure", "show"], {
      CRM_CLUSTER: dir,
      CRM_USER: "alice",
      CRM_PASSWORD: passwords.alice,
    });
    expect(shown.stdout).toContain("primitive db Dummy");
    expect(shown.stdout).not.toContain("hunter2");
    const refused = crm(["configure", "show"], {
      CRM_CLUSTER: dir,
      CRM_USER: "alice",
      CRM_PASSWORD: "wrong",
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toBe("");
  });
});
