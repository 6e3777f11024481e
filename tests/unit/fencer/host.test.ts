import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { element } from "../../../backend/cib/index.js";
import type { XmlElement } from "../../../backend/cib/index.js";
import { createExecutor, defaultAgentSearch } from "../../../daemons/executor/index.js";
import type { Executor } from "../../../daemons/executor/index.js";
import { FencerHost, fencerGroup } from "../../../daemons/fencer/index.js";
import type { FencerHostEnv } from "../../../daemons/fencer/index.js";
import { simAgentMetadata } from "../../../daemons/sim/index.js";

/**
 * fence_test: answers meta-data and list; `off` sleeps `sleep` seconds (so a small
 * pcmk_off_timeout kills it) and then writes the target to `record`.
 */
const agentScript = `#!/bin/sh
action=off; port=""; sleep_seconds=0; record=""
while IFS= read -r line; do
  case "$line" in
    action=*) action=\${line#action=} ;;
    port=*) port=\${line#port=} ;;
    sleep=*) sleep_seconds=\${line#sleep=} ;;
    record=*) record=\${line#record=} ;;
  esac
done
case "$action" in
  metadata) cat <<'END'
${simAgentMetadata}
END
  ;;
  list) echo node1; echo node2 ;;
  off|reboot) sleep "$sleep_seconds"; echo "$port" >> "$record" ;;
  *) exit 1 ;;
esac
exit 0
`;

function nvpairs(id: string, params: Record<string, string>): XmlElement {
  return element(
    "instance_attributes",
    { id: `${id}-ia` },
    Object.entries(params).map(([name, value]) =>
      element("nvpair", { id: `${id}-${name}`, name, value }),
    ),
  );
}

function cibWith(devices: Record<string, Record<string, string>>): XmlElement {
  const primitives = Object.entries(devices).map(([id, params]) =>
    element("primitive", { id, class: "stonith", type: "fence_test" }, [nvpairs(id, params)]),
  );
  return element("cib", {}, [element("configuration", {}, [element("resources", {}, primitives)])]);
}

/**
 * A one-node stonith-ng group: what is broadcast is delivered back at once, in order, as the
 * node's bus delivers to a group whose only member is this node.
 */
function singleNodeGroup(): FencerHostEnv["bus"] {
  let listener: Parameters<FencerHostEnv["bus"]["joinGroup"]>[1] | undefined;
  let seq = 0;
  const ringId = { representative: 1, seq: 1 };
  return {
    joinGroup: (group, joined) => {
      listener = joined;
      const self = { nodeId: 1, reason: "join" as const };
      joined.changed?.({ ringId, members: [1], joined: [self], left: [] });
    },
    leaveGroup: () => {
      listener = undefined;
    },
    broadcast: (group, payload) => {
      seq += 1;
      if (group === fencerGroup) listener?.delivered({ ringId, seq, sender: 1, payload });
    },
  };
}

describe("FencerHost with the real executor", () => {
  let dir = "";
  let executor: Executor;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "quorate-fencer-"));
    writeFileSync(join(dir, "fence_test"), agentScript);
    chmodSync(join(dir, "fence_test"), 0o755);
    const search = defaultAgentSearch();
    executor = createExecutor({
      node: "node1",
      stateDir: join(dir, "state"),
      search: { ...search, directories: { ...search.directories, stonithDirectory: dir } },
    });
  });
  afterAll(async () => {
    await executor.stopAll();
    rmSync(dir, { recursive: true, force: true });
  });

  function host(cib: XmlElement): FencerHost {
    const fencer = new FencerHost({
      localNodeId: 1,
      nodes: [
        { nodeId: 1, name: "node1" },
        { nodeId: 2, name: "node2" },
        { nodeId: 3, name: "node3" },
      ],
      bus: singleNodeGroup(),
      cib: { current: () => cib, subscribe: () => () => undefined },
      executor,
      log: { write: () => undefined },
      clock: () => Date.now(),
    });
    fencer.start();
    return fencer;
  }

  test("an action past pcmk_off_timeout is killed and the next device fences", async () => {
    const record = join(dir, "fenced.txt");
    const fencer = host(
      cibWith({
        "st-slow": { sleep: "5", record, pcmk_off_timeout: "300ms", pcmk_off_retries: "3" },
        "st-quick": { record },
      }),
    );
    const event = await fencer.request("node2", "off");
    fencer.stop();
    expect(event).toMatchObject({ state: "success", device: "st-quick", delegate: "node1" });
    // st-slow was killed at its timeout, not retried, and never wrote its record.
    expect(readFileSync(record, "utf8")).toBe("node2\n");
    expect(fencer.history("node2")).toEqual([event]);
  });

  test("a target the agent's list does not name cannot be fenced by it", async () => {
    const fencer = host(cibWith({ "st-listed": { record: join(dir, "unused.txt") } }));
    const event = await fencer.request("node3", "off");
    fencer.stop();
    expect(event).toMatchObject({ state: "failed" });
    expect(event.reason).toBe(
      "No fence device can fence node3: st-listed: not able to fence node3 (dynamic-list)",
    );
  });
});
