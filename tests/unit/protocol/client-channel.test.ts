import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ClientConnection, ClientError, fetchQuorumStatus } from "../../../backend/client/index.js";
import { writeCorosyncConfig } from "../../../backend/corosync/index.js";
import { clientFrameBytesMax, clientTokenHeader } from "../../../backend/protocol/index.js";
import { loadNodeSetup, parseNodeOptions, startNode } from "../../../daemons/node/index.js";
import type { RunningNode } from "../../../daemons/node/index.js";
import { freeBasePort } from "../../e2e/cluster/local-cluster.js";

const dir = mkdtempSync(join(tmpdir(), "quorate-client-"));
const logLines: string[] = [];
let node: RunningNode;
let url = "";
let token = "";

beforeAll(async () => {
  const port = await freeBasePort(1);
  const config = writeCorosyncConfig({
    clusterName: "solo",
    nodes: [{ name: "solo", nodeid: 1, addresses: [{ host: "127.0.0.1", port }] }],
  });
  writeFileSync(join(dir, "corosync.conf"), config);
  writeFileSync(join(dir, "authkey"), randomBytes(256));
  const options = parseNodeOptions([
    "--config",
    join(dir, "corosync.conf"),
    "--authkey",
    join(dir, "authkey"),
    "--node",
    "solo",
    "--state-dir",
    join(dir, "solo"),
  ]);
  if (!options.ok) throw new Error(options.issues[0]?.message);
  const setup = loadNodeSetup(options.value);
  if (!setup.ok) throw new Error(setup.issues[0]?.message);
  node = await startNode(setup.value, { write: (_level, _subsystem, text) => logLines.push(text) });
  url = `ws://127.0.0.1:${node.clientPort}/`;
  token = readFileSync(join(dir, "solo", "client.token"), "utf8");
});

afterAll(async () => {
  await node.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends raw frames on an authenticated socket and collects the replies as parsed JSON. */
async function raw(frames: readonly (string | Buffer)[]): Promise<unknown[]> {
  const socket = new WebSocket(url, { headers: { [clientTokenHeader]: token } });
  await new Promise((resolve) => socket.once("open", resolve));
  const replies: unknown[] = [];
  const done = new Promise<void>((resolve) => {
    socket.on("message", (data: Buffer) => {
      replies.push(JSON.parse(data.toString("utf8")));
      if (replies.length === frames.length) resolve();
    });
  });
  for (const frame of frames) socket.send(frame);
  await done;
  socket.close();
  return replies;
}

describe("the client channel", () => {
  test("writes its token with mode 0600 and answers the quorum status to a holder", async () => {
    expect(statSync(join(dir, "solo", "client.token")).mode & 0o777).toBe(0o600);
    let status = await fetchQuorumStatus({ url, token }).catch(() => undefined);
    while (status === undefined)
      status = await fetchQuorumStatus({ url, token }).catch(() => undefined);
    expect(status).toMatchObject({ localName: "solo", quorate: true, expectedVotes: 1, quorum: 1 });
    expect(status.members).toEqual([{ nodeid: 1, name: "solo", votes: 1 }]);
  });

  test.each([
    ["", "no token"],
    ["0".repeat(64), "a wrong token"],
  ])("refuses a client with %j (%s)", async (presented) => {
    const opened = ClientConnection.open(url, { token: presented });
    await expect(opened).rejects.toBeInstanceOf(ClientError);
    await expect(opened).rejects.toMatchObject({ code: "unauthorized" });
  });

  test("answers bad frames with stable error codes and keeps serving", async () => {
    const replies = await raw([
      "not json",
      '{"kind":"shutdown","id":1}',
      '{"kind":"quorum_status_requested","id":"x"}',
      Buffer.from([1, 2, 3]),
      '{"kind":"links_cut_requested","id":7,"peers":["solo"]}',
      '{"kind":"transport_status_requested","id":8}',
    ]);
    expect(
      replies.map(
        (reply) =>
          (reply as { code?: string; kind: string }).code ?? (reply as { kind: string }).kind,
      ),
    ).toEqual([
      "bad_frame",
      "unknown_kind",
      "bad_field",
      "bad_frame",
      "not_allowed",
      "transport_status",
    ]);
  });

  test("closes a connection that sends a frame over the size limit", async () => {
    const socket = new WebSocket(url, { headers: { [clientTokenHeader]: token } });
    await new Promise((resolve) => socket.once("open", resolve));
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    socket.send("x".repeat(clientFrameBytesMax + 1));
    expect(await closed).toBe(1009);
  });
});
