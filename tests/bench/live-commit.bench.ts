// What the shell's live backend sends and waits for per commit on a big CIB (issues #5, #7).
// Prints, asserts nothing. Run: npx tsx tests/bench/live-commit.bench.ts  (CIB_MB=5, COMMITS=20)
//  1. The client side of a one-object commit: diffing the staged CIB against the one read
//     (StagedSession over LiveBackend makes a v2 patchset) and the patch's size.
//  2. One-object commits through StagedSession over LiveBackend on a 3-node local cluster whose
//     CIB was grown to CIB_MB: bytes the client sent per commit and commit latency, as a patch
//     (the default) and with `commit replace` (the whole CIB, as before patches).
//  3. The whole-CIB sync message on the cluster bus: its size and the time to deflate and
//     inflate it (daemons/node/cib-compression.ts).
import { join } from "node:path";
import type { XmlElement } from "../../backend/cib/index.js";
import { cloneNode, element, ensureChild, readXml, writeXml } from "../../backend/cib/index.js";
import {
  ClientConnection,
  nodeClientTarget,
  queryCib,
  replaceCib,
} from "../../backend/client/index.js";
import { advanceVersion } from "../../backend/file/index.js";
import { LiveBackend, StagedSession } from "../../backend/session/index.js";
import { encodeCibMessage } from "../../daemons/cib/index.js";
import { packCibPayload, unpackCibPayload } from "../../daemons/node/cib-compression.js";
import { bulkTemplate } from "../e2e/compression/big-cib.js";
import {
  awaitView,
  crm,
  freeBasePort,
  teardown,
  temporaryClusterDir,
} from "../e2e/cluster/local-cluster.js";
import { stagedPatch } from "../../backend/session/live-backend.js";
import { summaryLine } from "./samples.js";

const cibMegabytes = Number(process.env["CIB_MB"] ?? 5);
const commits = Number(process.env["COMMITS"] ?? 20);
const nodes = ["node1", "node2", "node3"];

function summary(label: string, samples: readonly number[], unit = "ms"): void {
  console.log(summaryLine(label, samples, { unit, fractions: [0.5, 0.99] }));
}

function parse(text: string): XmlElement {
  const read = readXml(text);
  if (!read.ok) throw new Error(read.issues[0]?.message);
  return read.value;
}

function resourcesOf(cib: XmlElement): XmlElement {
  return ensureChild(ensureChild(cib, "configuration"), "resources");
}

/** `cib` with templates added until it is `megabytes` MB (a copy; the input is kept). */
function grown(cib: XmlElement, megabytes: number): XmlElement {
  const copy = cloneNode(cib);
  const sample = writeXml(bulkTemplate("bulk-0")).length;
  const count = Math.ceil((megabytes * 1024 * 1024 - writeXml(cib).length) / sample);
  for (let index = 0; index < count; index++) {
    resourcesOf(copy).children.push(bulkTemplate(`bulk-${index}`));
  }
  return copy;
}

/** The working copy with one more template (a staged one-object change). */
function withOneMore(working: XmlElement, id: string): XmlElement {
  const next = cloneNode(working);
  resourcesOf(next).children.push(
    element("template", { id, class: "ocf", provider: "pacemaker", type: "Dummy" }),
  );
  return next;
}

function clientSide(cib: XmlElement): void {
  const diffs: number[] = [];
  let bytes = 0;
  for (let index = 0; index < 10; index++) {
    const next = advanceVersion(cib, withOneMore(cib, `t-client-${index}`));
    const begun = performance.now();
    bytes = stagedPatch(cib, next).length;
    diffs.push(performance.now() - begun);
  }
  summary("client: diff of a one-object change (copied tree)", diffs);
  console.log(`client: patch ${bytes} bytes for a CIB of ${writeXml(cib).length} bytes`);
}

async function commitFigures(connection: ClientConnection, replace: boolean): Promise<void> {
  const latencies: number[] = [];
  const sent: number[] = [];
  let refused = 0;
  for (let index = 0; index < commits; index++) {
    const session = await StagedSession.open(new LiveBackend(connection));
    if (!(session instanceof StagedSession)) throw new Error(session[0]?.message);
    session.stage(withOneMore(session.working, `t-${replace ? "r" : "p"}-${index}`));
    const before = connection.bytesSent;
    const begun = performance.now();
    const issues = await session.commit({ replace });
    if (issues.length > 0) refused += 1;
    else latencies.push(performance.now() - begun);
    sent.push(connection.bytesSent - before);
  }
  const how = replace ? "commit replace" : "commit (patch)";
  summary(`${how}: latency`, latencies);
  summary(`${how}: bytes the client sent`, sent, "B");
  if (refused > 0)
    console.log(`  (${refused} commits lost a race with a status write and were refused)`);
}

function busFigures(cib: XmlElement): void {
  const payload = encodeCibMessage({ kind: "sync", round: "1.8", cibXml: writeXml(cib) });
  const packs: number[] = [];
  const unpacks: number[] = [];
  let packed = "";
  for (let index = 0; index < 5; index++) {
    let begun = performance.now();
    packed = packCibPayload(payload);
    packs.push(performance.now() - begun);
    begun = performance.now();
    unpackCibPayload(packed);
    unpacks.push(performance.now() - begun);
  }
  console.log(`bus: sync message ${payload.length} bytes, compressed ${packed.length} bytes`);
  summary("bus: deflate + base64", packs);
  summary("bus: base64 + inflate", unpacks);
}

async function main(): Promise<void> {
  const dir = temporaryClusterDir();
  try {
    const port = await freeBasePort(3);
    const started = crm([
      "cluster",
      "local",
      "start",
      "--nodes",
      "3",
      "--dir",
      dir,
      "--base-port",
      String(port),
    ]);
    if (started.code !== 0) throw new Error(started.stderr);
    await awaitView(dir, "node1", nodes, 30_000);
    const target = nodeClientTarget(join(dir, "node1"));
    if (target === undefined) throw new Error("node1 has no client channel");
    const connection = await ClientConnection.open(target.url, { ...target, timeoutMs: 120_000 });
    const snapshot = await queryCib(connection);
    const big = grown(parse(snapshot.xml), cibMegabytes);
    clientSide(big);
    busFigures(big);
    await replaceCib(connection, writeXml(big));
    await commitFigures(connection, false);
    await commitFigures(connection, true);
    connection.close();
  } finally {
    await teardown(dir);
  }
}

await main();
