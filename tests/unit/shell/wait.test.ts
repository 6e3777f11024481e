import { describe, expect, test } from "vitest";
import { emptyCib, writeXml } from "../../../backend/cib/index.js";
import type { SettleSource } from "../../../shell/commands/resource-wait.js";
import { waitUntilSettled } from "../../../shell/commands/resource-wait.js";
import {
  pendingActions,
  waitingText,
  waitTimeoutMs,
} from "../../../shell/commands/wait-progress.js";

const now = 1_700_000_000;

/** One online node and a Dummy it has never run: a probe and a start to go. */
const pendingCib = `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="2" num_updates="0" admin_epoch="0" have-quorum="1" dc-uuid="1">
  <configuration>
    <crm_config><cluster_property_set id="o"><nvpair id="o-s" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
    <nodes><node id="1" uname="node1"/></nodes>
    <resources><primitive id="d" class="ocf" provider="pacemaker" type="Dummy"/></resources>
    <constraints/>
  </configuration>
  <status><node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"/></status>
</cib>`;
const settledCib = writeXml(emptyCib());

/**
 * The cluster's CIB as a settle source: the CIB of the moment, and a `push` that changes it
 * and notifies the subscriber as the cluster's cib_changed frames do.
 */
function cluster(first: string) {
  let current = first;
  let notify: (() => void) | undefined;
  let lose: ((reason: string) => void) | undefined;
  let queries = 0;
  let closed = false;
  const source: SettleSource = {
    query: () => {
      queries += 1;
      return Promise.resolve(current);
    },
    subscribe: (onChange) => {
      notify = onChange;
      return Promise.resolve();
    },
    onLost: (listener) => (lose = listener),
    close: () => (closed = true),
  };
  return {
    source,
    push: (next: string) => {
      current = next;
      notify?.();
    },
    lose: (reason: string) => lose?.(reason),
    queries: () => queries,
    closed: () => closed,
  };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("pendingActions()", () => {
  test("counts the real actions the scheduler finds for a CIB", () => {
    expect(pendingActions(pendingCib, now)).toBe(2); // probe and start
    expect(pendingActions(settledCib, now)).toBe(0);
    expect(pendingActions("<cib", now)).toBeUndefined();
  });
});

describe("waitUntilSettled()", () => {
  test("reads the CIB once subscribed and again on each push, until nothing is pending", async () => {
    const live = cluster(pendingCib);
    const progress: (number | undefined)[] = [];
    const ended = waitUntilSettled(live.source, {
      timeoutMs: 10_000,
      nowSeconds: () => now,
      onProgress: (pending) => progress.push(pending),
    });
    await flush();
    expect(live.queries()).toBe(1);
    expect(progress).toEqual([2]);
    live.push(settledCib);
    expect(await ended).toEqual({ kind: "settled" });
    expect(progress).toEqual([2, 0]);
    expect(live.closed()).toBe(true);
  });

  test("ends at the deadline with what was still pending", async () => {
    const live = cluster(pendingCib);
    const ended = await waitUntilSettled(live.source, { timeoutMs: 20, nowSeconds: () => now });
    expect(ended).toEqual({ kind: "timed_out", pending: 2 });
    expect(live.closed()).toBe(true);
  });

  test("ends at once when interrupted, and when the link to the cluster drops", async () => {
    const interrupt = new AbortController();
    const first = cluster(pendingCib);
    const waiting = waitUntilSettled(first.source, {
      timeoutMs: 10_000,
      nowSeconds: () => now,
      signal: interrupt.signal,
    });
    interrupt.abort();
    expect(await waiting).toEqual({ kind: "interrupted" });
    const second = cluster(pendingCib);
    const lost = waitUntilSettled(second.source, { timeoutMs: 10_000, nowSeconds: () => now });
    second.lose("the node closed the connection");
    expect(await lost).toEqual({ kind: "lost", reason: "the node closed the connection" });
  });

  test("with `reached`, a CIB is judged only once it shows the change (attrd writes later)", async () => {
    const live = cluster(settledCib);
    const progress: (number | undefined)[] = [];
    const ended = waitUntilSettled(live.source, {
      timeoutMs: 10_000,
      nowSeconds: () => now,
      onProgress: (pending) => progress.push(pending),
      reached: (cib) => cib.attributes["epoch"] === "7",
    });
    await flush();
    expect(progress).toEqual([]); // nothing to wait for, but the change is not there yet
    live.push(settledCib.replace(/ epoch="\d+"/, ' epoch="7"'));
    expect(await ended).toEqual({ kind: "settled" });
    expect(progress).toEqual([0]);
  });

  test("pushes during a read cause one more read, not one per push", async () => {
    const live = cluster(pendingCib);
    const ended = waitUntilSettled(live.source, { timeoutMs: 10_000, nowSeconds: () => now });
    live.push(pendingCib);
    live.push(pendingCib);
    live.push(settledCib);
    expect(await ended).toEqual({ kind: "settled" });
    expect(live.queries()).toBeLessThanOrEqual(3);
  });
});

describe("the -w progress line and timeout", () => {
  test("waitingText() names the pending actions", () => {
    expect(waitingText(2)).toBe("waiting for the cluster: 2 actions pending…");
    expect(waitingText(1)).toBe("waiting for the cluster: 1 action pending…");
    expect(waitingText(undefined)).toBe("waiting for the cluster…");
  });

  test("CRM_WAIT_TIMEOUT sets the limit in seconds; anything else keeps 120 s", () => {
    expect(waitTimeoutMs({})).toBe(120_000);
    expect(waitTimeoutMs({ CRM_WAIT_TIMEOUT: "2.5" })).toBe(2500);
    expect(waitTimeoutMs({ CRM_WAIT_TIMEOUT: "soon" })).toBe(120_000);
  });
});
