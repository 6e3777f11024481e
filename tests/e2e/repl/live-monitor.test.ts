import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hasTool } from "../../support/oracle.js";
import { teardown, temporaryClusterDir } from "../cluster/local-cluster.js";
import { buildCrm, runBin } from "../offline/crm-process.js";
import { startLiveMonitor } from "./live-monitor-session.js";
import type { TmuxSession } from "./tmux.js";

/** The live crm_mon on a real 3-node local cluster: pushed changes, a node lost, reconnection. */
describe.skipIf(!hasTool("tmux"))("crm_mon live on a local cluster (tmux)", () => {
  let bin: string;
  let dir: string;
  let session: TmuxSession | undefined;
  beforeAll(async () => {
    bin = (await buildCrm()).bin;
    dir = temporaryClusterDir();
  }, 200_000);
  afterAll(async () => {
    session?.kill();
    await teardown(dir);
  });

  test("shows another crm's change, then a node that died, after reconnecting", async () => {
    const live = await startLiveMonitor(bin, dir, 20_000);
    session = live.session;
    const { environment } = live;
    const added = await runBin(bin, ["configure", "primitive", "live1", "ocf:pacemaker:Dummy"], {
      environment,
    });
    expect(added.code, added.stderr).toBe(0);
    await session.waitFor("1 resource instance configured");
    const pid = Number(readFileSync(join(dir, "node1", "quorated.pid"), "utf8").trim());
    process.kill(pid, "SIGKILL");
    // Killed without a clean shutdown: OFFLINE, or UNCLEAN once the DC records it (Pacemaker).
    const screen = await session.waitFor(
      /Node node1: Online → (OFFLINE|UNCLEAN \(offline\))/,
      20_000,
    );
    expect(screen).toMatch(/OFFLINE: \[ node1 \]|Node node1: UNCLEAN \(offline\)/);
    expect(screen).not.toContain("Connection lost");
    session.press("q");
    await session.waitFor("[exited 0]");
  });
});
