import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeCorosyncConfig } from "../../../backend/corosync/index.js";
import { loadNodeSetup, parseNodeOptions, startNode } from "../../../daemons/node/index.js";
import type { RunningNode } from "../../../daemons/node/index.js";
import { freeBasePort } from "../../e2e/cluster/local-cluster.js";

/** Nodes of one cluster running in this process (real transport on 127.0.0.1, real disks). */
export class InProcessCluster {
  readonly nodes = new Map<string, RunningNode>();

  private constructor(
    readonly dir: string,
    readonly names: readonly string[],
  ) {}

  static async create(count: number, tokenMs = 600): Promise<InProcessCluster> {
    const dir = mkdtempSync(join(tmpdir(), "quorate-cib-host-"));
    const port = await freeBasePort(count);
    const names = Array.from({ length: count }, (_, index) => `node${index + 1}`);
    const config = writeCorosyncConfig({
      clusterName: "cibhost",
      tokenMs,
      nodes: names.map((name, index) => ({
        name,
        nodeid: index + 1,
        addresses: [{ host: "127.0.0.1", port: port + index }],
      })),
    });
    writeFileSync(join(dir, "corosync.conf"), config);
    writeFileSync(join(dir, "authkey"), randomBytes(256));
    return new InProcessCluster(dir, names);
  }

  stateDir(name: string): string {
    return join(this.dir, name);
  }

  node(name: string): RunningNode {
    const node = this.nodes.get(name);
    if (node === undefined) throw new Error(`${name} is not running`);
    return node;
  }

  async start(name: string): Promise<RunningNode> {
    const options = parseNodeOptions([
      ...["--config", join(this.dir, "corosync.conf"), "--authkey", join(this.dir, "authkey")],
      ...["--node", name, "--state-dir", this.stateDir(name)],
    ]);
    if (!options.ok) throw new Error(options.issues[0]?.message);
    const setup = loadNodeSetup(options.value);
    if (!setup.ok) throw new Error(setup.issues[0]?.message);
    const node = await startNode(setup.value, { write: () => undefined });
    this.nodes.set(name, node);
    return node;
  }

  async stop(name: string): Promise<void> {
    await this.nodes.get(name)?.stop();
    this.nodes.delete(name);
  }

  async destroy(): Promise<void> {
    await Promise.all([...this.nodes.keys()].map((name) => this.stop(name)));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Waits for `condition`, checking every 10 ms (the nodes run in this event loop). */
export async function until(
  condition: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
