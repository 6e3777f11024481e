// CIB commit and query latency on a 3-node local cluster (membership.md §6). Prints, asserts nothing.
// Run: npx tsx tests/bench/cib-commit.bench.ts   (COMMITS=200, BIG_COMMITS=200, QUERIES=30, CIB_MB=5)
//  1. One-object commits (a primitive each) through one reused client connection to node1: the
//     time from sending the v2 patchset to `cib_written`, which the node sends once every member
//     has the change on disk (cib.xml + .sig, fsync'ed). Target: p50 ≤ 10 ms, p99 ≤ 50 ms.
//     Pacemaker 2.1 on the lab: `cibadmin -C` p50 46 ms / p99 71 ms (process wall time).
//  2. Query latency for a CIB of CIB_MB megabytes (primitives with status history on three
//     nodes, put on every node's disk before a restart) from node2: the whole CIB, and an
//     xpath selecting one element.
//  3. BIG_COMMITS one-object commits on that CIB, and whether the membership view changed
//     meanwhile (a commit that blocks a node's event loop starves its heartbeats).
//     Target: p50 ≤ 50 ms and no view change. Pacemaker on the lab: `cibadmin -Q` of a 513 KB
//     CIB p50 138 ms.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ClientConnection,
  ClientError,
  nodeClientTarget,
  patchCib,
  queryCib,
  stopLocalCluster,
} from "../../backend/client/index.js";
import {
  element,
  ensureChild,
  readXml,
  writeXml,
  type XmlElement,
} from "../../backend/cib/index.js";
import {
  applyPatchset,
  cibDigest,
  cibVersion,
  nextVersion,
  patchsetToXml,
  type Patchset,
} from "../../daemons/cib/index.js";
import { awaitView, freeBasePort, startQuorated, statusOf } from "../e2e/cluster/local-cluster.js";
import { summaryLine } from "./samples.js";

const commits = Number(process.env["COMMITS"] ?? 200);
const bigCommits = Number(process.env["BIG_COMMITS"] ?? 200);
const queries = Number(process.env["QUERIES"] ?? 30);
const cibMegabytes = Number(process.env["CIB_MB"] ?? 5);
const repository = new URL("../../", import.meta.url).pathname;

function summary(label: string, samples: readonly number[]): void {
  console.log(summaryLine(label, samples, { width: 52 }));
}

function parse(text: string): XmlElement {
  const read = readXml(text);
  if (!read.ok) throw new Error(read.issues[0]?.message);
  return read.value;
}

/** A resource template: one configuration object that sets no resource in motion. */
function template(id: string): XmlElement {
  return element("template", { id, class: "ocf", provider: "pacemaker", type: "Dummy" });
}

/** A primitive with `parameters` instance attributes (bulk without many resources). */
function primitive(id: string, parameters = 0): XmlElement {
  const nvpairs = Array.from({ length: parameters }, (_, index) =>
    element("nvpair", {
      id: `${id}-instance_attributes-param${index}`,
      name: `param${index}`,
      value: `/srv/data/${id}/volume-${index}/mount-point-with-a-long-path`,
    }),
  );
  return element("primitive", { id, class: "ocf", provider: "pacemaker", type: "Dummy" }, [
    element("instance_attributes", { id: `${id}-instance_attributes` }, nvpairs),
    element("operations", {}, [
      element("op", { id: `${id}-monitor-10s`, name: "monitor", interval: "10s" }),
    ]),
  ]);
}

/**
 * The next CIB with `added` appended to the resources and the epoch moved, and the patchset to
 * it as `crm configure` sends one: no digest (the node stamps configuration changes with
 * cib-last-written and update-*, which this local copy does not follow). Made as a patch, not
 * as a diff of two copies, so the bench's own side stays cheap on a big CIB.
 */
function change(cib: XmlElement, added: XmlElement): [XmlElement, string] {
  const source = cibVersion(cib);
  const target = nextVersion(source, true);
  const unpatched: Patchset = {
    source,
    target,
    changes: [
      {
        kind: "modify",
        path: "/cib",
        attributes: [
          { name: "epoch", operation: "set", value: String(target.epoch) },
          { name: "num_updates", operation: "set", value: String(target.numUpdates) },
        ],
        result: element("cib", {
          ...cib.attributes,
          epoch: String(target.epoch),
          num_updates: "0",
        }),
      },
      {
        kind: "create",
        path: "/cib/configuration/resources",
        position: resourcesOf(cib).children.length,
        body: added,
      },
    ],
  };
  const applied = applyPatchset(cib, unpatched);
  if (!applied.ok) throw new Error(applied.issues[0]?.message);
  return [applied.value, writeXml(patchsetToXml(unpatched), { indent: 0 })];
}

const resourcesOf = (cib: XmlElement): XmlElement =>
  ensureChild(ensureChild(cib, "configuration"), "resources");

/**
 * `count` one-object commits, each timed from sending the patchset to `cib_written`. The
 * cluster's own daemons write status too: a commit that lost that race (version_conflict) is
 * counted, the CIB read again (untimed), and the commit made again.
 */
async function timedCommits(
  connection: ClientConnection,
  start: XmlElement,
  label: string,
  count: number,
): Promise<XmlElement> {
  let cib = start;
  const samples: number[] = [];
  let conflicts = 0;
  for (let index = 0; index < count;) {
    const [next, patch] = change(cib, template(`t-${label.replace(/\W+/g, "-")}-${index}`));
    const begun = performance.now();
    try {
      await patchCib(connection, patch);
    } catch (error) {
      if (!(error instanceof ClientError) || error.code !== "version_conflict") throw error;
      conflicts += 1;
      cib = parse((await queryCib(connection)).xml);
      continue;
    }
    samples.push(performance.now() - begun);
    cib = next;
    index += 1;
  }
  summary(`one-object commit (${label})`, samples.slice(Math.min(10, count - 1)));
  if (conflicts > 0)
    console.log(`  (${conflicts} commits lost a race with a status update and were redone)`);
  return cib;
}

/**
 * A CIB of about `megabytes` MB: primitives with lrm history on three nodes, in maintenance
 * mode with target-role=Stopped by default and no startup probes, so the controller leaves
 * them alone.
 */
function bigCib(base: XmlElement, megabytes: number): XmlElement {
  const cib = parse(writeXml(base));
  const configuration = ensureChild(cib, "configuration");
  ensureChild(configuration, "crm_config").children.push(
    element("cluster_property_set", { id: "bench-options" }, [
      element("nvpair", { id: "bench-maintenance", name: "maintenance-mode", value: "true" }),
      // Restarted nodes would probe every primitive on every node (thousands of agent runs,
      // each spawned on the node's event loop): that is the executor's cost, not the CIB's.
      element("nvpair", { id: "bench-no-probes", name: "enable-startup-probes", value: "false" }),
    ]),
  );
  const defaults = element("rsc_defaults", {}, [
    element("meta_attributes", { id: "bench-defaults" }, [
      element("nvpair", { id: "bench-target-role", name: "target-role", value: "Stopped" }),
    ]),
  ]);
  const constraints = configuration.children.findIndex(
    (child) => child.kind === "element" && child.name === "constraints",
  );
  configuration.children.splice(constraints + 1, 0, defaults);
  const status = ensureChild(cib, "status");
  status.children = []; // the small run's node_state entries are replaced by these
  const states = ["1", "2", "3"].map((nodeid) =>
    element("node_state", { id: nodeid, uname: `node${nodeid}`, in_ccm: "true", crmd: "online" }, [
      element("lrm", { id: nodeid }, [element("lrm_resources")]),
    ]),
  );
  status.children.push(...states);
  for (let index = 0; writeXml(cib).length < megabytes * 1024 * 1024; index++) {
    for (let step = 0; step < 50; step++) {
      const id = `big-${index * 50 + step}`;
      resourcesOf(cib).children.push(primitive(id, 30));
      for (const state of states) {
        const resources = ensureChild(ensureChild(state, "lrm"), "lrm_resources");
        resources.children.push(
          element("lrm_resource", { id, type: "Dummy", class: "ocf", provider: "pacemaker" }, [
            element("lrm_rsc_op", {
              id: `${id}_last_0`,
              operation_key: `${id}_monitor_0`,
              operation: "monitor",
              "crm-debug-origin": "do_update_resource",
              crm_feature_set: "3.16.1",
              "transition-key": "1:2:7:3b2e9f60-8d42-4a5e-9d7c-5a0f0d3e1b6a",
              "transition-magic": "0:7;1:2:7:3b2e9f60-8d42-4a5e-9d7c-5a0f0d3e1b6a",
              "exit-reason": "",
              on_node: state.attributes["uname"] ?? "",
              "call-id": "5",
              "rc-code": "7",
              "op-status": "0",
              interval: "0",
              "last-rc-change": "1700000000",
              "exec-time": "12",
              "queue-time": "0",
              "op-digest": "f2317cad3d54cec5d7d7aa7d0bf35cf8",
            }),
          ]),
        );
      }
    }
  }
  return cib;
}

async function queryFigures(
  target: { url: string; token: string },
  megabytes: string,
): Promise<void> {
  const connection = await ClientConnection.open(target.url, {
    token: target.token,
    timeoutMs: 60_000,
  });
  const whole: number[] = [];
  const xpath: number[] = [];
  for (let index = 0; index < queries; index++) {
    let begun = performance.now();
    await queryCib(connection);
    whole.push(performance.now() - begun);
    begun = performance.now();
    await queryCib(connection, "//primitive[@id='big-7']");
    xpath.push(performance.now() - begun);
  }
  summary(`query, whole CIB (${megabytes} MB), node2`, whole);
  summary(`query, xpath for one primitive (${megabytes} MB CIB)`, xpath);
  connection.close();
}

/** Puts the same CIB on every node's disk (cib.xml + .sig, no journal), as a restart finds it. */
function seedDisks(dir: string, cib: XmlElement): void {
  const text = writeXml(cib);
  const digest = cibDigest(cib);
  for (const node of ["node1", "node2", "node3"]) {
    writeFileSync(join(dir, node, "cib.xml"), text);
    writeFileSync(join(dir, node, "cib.xml.sig"), digest);
    rmSync(join(dir, node, "cib.journal"), { force: true });
  }
}

function startCluster(dir: string, port: number): void {
  const started = spawnSync(
    process.execPath,
    [
      ...["--import", import.meta.resolve("tsx"), join(repository, "shell/bin/crm.ts")],
      ...["cluster", "local", "start", "--nodes", "3", "--dir", dir, "--base-port", String(port)],
    ],
    { encoding: "utf8" },
  );
  if (started.status !== 0) throw new Error(started.stderr);
}

function targets(dir: string): [{ url: string; token: string }, { url: string; token: string }] {
  const node1 = nodeClientTarget(join(dir, "node1"));
  const node2 = nodeClientTarget(join(dir, "node2"));
  if (node1 === undefined || node2 === undefined) throw new Error("no client channel");
  return [node1, node2];
}

async function bigCibFigures(dir: string, small: XmlElement): Promise<void> {
  await stopLocalCluster(dir, { timeoutMs: 10_000 });
  const big = bigCib(small, cibMegabytes);
  const megabytes = (writeXml(big).length / 1024 / 1024).toFixed(1);
  seedDisks(dir, big);
  for (const node of ["node1", "node2", "node3"]) startQuorated(dir, node);
  await awaitView(dir, "node1", ["node1", "node2", "node3"], 120_000);
  const [node1, node2] = targets(dir);
  await queryFigures(node2, megabytes);
  try {
    const connection = await ClientConnection.open(node1.url, {
      token: node1.token,
      timeoutMs: 60_000,
    });
    const current = parse((await queryCib(connection)).xml);
    const rings = async (): Promise<string> => {
      const statuses = await Promise.all(
        ["node1", "node2", "node3"].map((node) => statusOf(dir, node)),
      );
      return statuses.map((status) => JSON.stringify(status?.ringId ?? null)).join(" ");
    };
    const ringsBefore = await rings();
    await timedCommits(connection, current, `${megabytes} MB CIB`, bigCommits);
    const ringsAfter = await rings();
    console.log(
      ringsBefore === ringsAfter
        ? `  no view change during the ${bigCommits} commits (rings ${ringsAfter})`
        : `  the view changed during the commits: rings ${ringsBefore} -> ${ringsAfter}`,
    );
    connection.close();
  } catch (error) {
    console.log(`one-object commits on the ${megabytes} MB CIB failed: ${String(error)}`);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "quorate-cib-bench-"));
  try {
    startCluster(dir, await freeBasePort(3));
    await awaitView(dir, "node1", ["node1", "node2", "node3"]);
    const [node1] = targets(dir);
    const connection = await ClientConnection.open(node1.url, { token: node1.token });
    const small = await timedCommits(
      connection,
      parse((await queryCib(connection)).xml),
      "small CIB",
      commits,
    );
    connection.close();
    await bigCibFigures(dir, small);
  } finally {
    await stopLocalCluster(dir, { timeoutMs: 10_000 });
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
