// Cost of the CIB's write validation, its ACLs, and client logins. Prints figures, asserts
// nothing. Run: npx tsx tests/bench/cib-security.bench.ts
//  1. validateCibWrite, cibReadableBy and checkCibWrite (one changed nvpair) on a ~5 MB CIB
//     from gen-big-cib.js (16 nodes, 500 primitives, steady state) with a few ACL roles.
//  2. Client channel logins on 127.0.0.1: the local token, a user's password (scrypt 2^14),
//     a wrong password and an unknown user (these two should cost the same).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ClientConnection, ClientError } from "../../backend/client/index.js";
import { cloneNode, descendants, element, firstChild, readXml } from "../../backend/cib/index.js";
import { hashPassword, writeUsers } from "../../backend/users/index.js";
import { checkCibWrite, cibReadableBy, validateCibWrite } from "../../daemons/cib/index.js";
import { ClientHost, UsersStore, fileLog } from "../../daemons/node/index.js";
import { median } from "./samples.js";

const generator = join(
  import.meta.dirname,
  "..",
  "..",
  "..",
  "shared",
  "reference",
  "gen-big-cib.js",
);

/** Median wall time and mean CPU time (steadier on a busy host) of `runs` runs. */
async function time(label: string, runs: number, action: () => unknown): Promise<void> {
  const samples: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await action();
    samples.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
  console.log(
    `${label.padEnd(40)} median ${median(samples).toFixed(1)} ms, CPU ${cpuMs.toFixed(1)} ms (${runs} runs)`,
  );
}

async function cibFigures(dir: string): Promise<void> {
  const file = join(dir, "big.xml");
  spawnSync(process.execPath, [
    generator,
    "--nodes",
    "16",
    "--prims",
    "500",
    "--state",
    "steady",
    "--out",
    file,
  ]);
  const read = readXml(readFileSync(file, "utf8"));
  if (!read.ok) throw new Error("gen-big-cib output does not read");
  const cib = read.value;
  const configuration = firstChild(cib, "configuration");
  configuration?.children.push(
    element("acls", {}, [
      element("acl_role", { id: "operator" }, [
        element("acl_permission", { id: "op-read", kind: "read", xpath: "/cib" }),
        element("acl_permission", { id: "op-deny", kind: "deny", xpath: "//instance_attributes" }),
        element("acl_permission", {
          id: "op-write",
          kind: "write",
          xpath: "//meta_attributes/nvpair[@name='target-role']",
        }),
      ]),
      element("acl_target", { id: "carol" }, [element("role", { id: "operator" })]),
    ]),
  );
  console.log(`CIB: ${readFileSync(file).length} bytes, ${[...descendants(cib)].length} elements`);
  const carol = { user: "carol", unrestricted: false };
  await time("validateCibWrite", 10, () => validateCibWrite(cib));
  await time("cibReadableBy (carol)", 10, () => cibReadableBy(cib, carol));
  const after = cloneNode(cib);
  const nvpair = [...descendants(after)].find((node) => node.name === "nvpair");
  if (nvpair !== undefined) nvpair.attributes["value"] = "changed";
  await time("checkCibWrite (carol, one nvpair)", 10, () => checkCibWrite(cib, after, carol));
}

async function login(
  url: string,
  options: { token: string; credentials?: { user: string; password: string } },
): Promise<void> {
  try {
    (await ClientConnection.open(url, options)).close();
  } catch (error) {
    if (!(error instanceof ClientError) || error.code !== "unauthorized") throw error;
  }
}

async function loginFigures(dir: string): Promise<void> {
  const usersFile = join(dir, "users");
  writeUsers(usersFile, [
    { name: "alice", passwordHash: await hashPassword("alice-pw"), groups: [] },
  ]);
  const log = fileLog({ path: undefined, node: "bench", toStderr: false, debug: false });
  const host = new ClientHost(
    { port: 0, token: "bench-token", log, users: new UsersStore(usersFile, log) },
    (request) => ({ kind: "error", id: request.id, code: "unknown_kind", message: "bench" }),
  );
  const url = `ws://127.0.0.1:${await host.start()}/`;
  await time("login with the local token", 20, () => login(url, { token: "bench-token" }));
  const as = (user: string, password: string) => ({ token: "", credentials: { user, password } });
  await time("login with a password", 20, () => login(url, as("alice", "alice-pw")));
  await time("refused: wrong password", 20, () => login(url, as("alice", "wrong")));
  await time("refused: unknown user", 20, () => login(url, as("mallory", "wrong")));
  console.log(`refusals counted: ${host.refusals}`);
  await host.stop();
}

const dir = mkdtempSync(join(tmpdir(), "quorate-bench-security-"));
try {
  await cibFigures(dir);
  await loginFigures(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
