// The live crm_mon on a real 3-node local cluster, read off a tmux screen as a person reads it:
// the header names the stack as crm_mon -1 does, and a node killed with SIGKILL shows as
// offline as soon as the node crm_mon talks to learns of it (its quorum push), without waiting
// for a CIB change. Prints the delay between that push and the screen showing it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ClientConnection, subscribeQuorum } from "../../../backend/client/index.js";
import type { QuorumStatus } from "../../../backend/protocol/index.js";
import { hasTool } from "../../support/oracle.js";
import {
  clientTarget,
  crashNode,
  teardown,
  temporaryClusterDir,
} from "../cluster/local-cluster.js";
import { buildCrm, runBin } from "../offline/crm-process.js";
import { startLiveMonitor } from "../repl/live-monitor-session.js";
import type { TmuxSession } from "../repl/tmux.js";

const nodeOffline = /OFFLINE: \[ node3 \]|Node node3: UNCLEAN \(offline\)/;

/** Polls the screen as fast as tmux answers, until `pattern` shows; the time it first did. */
async function firstSeen(session: TmuxSession, pattern: RegExp, timeoutMs: number) {
  const started = performance.now();
  for (;;) {
    const screen = session.screen();
    if (pattern.test(screen)) return { at: performance.now(), screen };
    if (performance.now() - started > timeoutMs) {
      throw new Error(`Screen never showed ${String(pattern)}:\n${screen}`);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe.skipIf(!hasTool("tmux"))("crm_mon live: membership changes (tmux)", () => {
  let bin: string;
  let dir: string;
  let session: TmuxSession | undefined;
  let connection: ClientConnection | undefined;
  beforeAll(async () => {
    bin = (await buildCrm()).bin;
    dir = temporaryClusterDir();
  }, 200_000);
  afterAll(async () => {
    session?.kill();
    connection?.close();
    await teardown(dir);
  });

  test("names the stack and shows a killed node offline on the membership change", async () => {
    const live = await startLiveMonitor(bin, dir);
    session = live.session;
    const { environment, monitor } = live;
    const screen = session.screen();
    expect(screen).toContain("* Stack: corosync");
    const once = await runBin(monitor, ["-1"], { environment });
    expect(once.stdout).toContain("  * Stack: corosync\n");

    // crm_mon talks to the first live node (node1); hear its membership pushes too.
    const target = clientTarget(dir, "node1");
    connection = await ClientConnection.open(target.url, { token: target.token });
    let learned: number | undefined;
    await subscribeQuorum(connection, (status: QuorumStatus) => {
      const names = status.members.map((member) => member.name);
      if (learned === undefined && !names.includes("node3")) learned = performance.now();
    });
    crashNode(dir, "node3");
    const shown = await firstSeen(session, nodeOffline, 30_000);
    expect(learned, "node1 pushed the membership without node3").toBeDefined();
    console.log(
      `crm_mon live: node3 shown offline ${(shown.at - (learned ?? shown.at)).toFixed(0)} ms ` +
        "after node1 pushed the membership without it",
    );
    expect(shown.screen).toContain("Online: [ node1 node2 ]");
    expect(shown.screen).not.toContain("Connection lost");
    session.press("q");
    await session.waitFor("[exited 0]");
  }, 120_000);
});
