#!/usr/bin/env node
import { join } from "node:path";
import { startAttrd } from "./attrd/index.js";
import { startController } from "./controller/index.js";
import { createExecutor } from "./executor/index.js";
import { startFencer } from "./fencer/index.js";
import {
  fileLog,
  loadNodeSetup,
  parseNodeOptions,
  quoratedUsage,
  startNode,
} from "./node/index.js";

/** How long a shutdown waits for the resources to move before the node leaves anyway. */
const shutdownEscalationMs = 60_000;

/** quorated: one cluster node in the foreground, until SIGTERM or SIGINT. */
async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${quoratedUsage}\n`);
    return 0;
  }
  const options = parseNodeOptions(argv);
  if (!options.ok) {
    for (const problem of options.issues) process.stderr.write(`quorated: ${problem.message}\n`);
    process.stderr.write(`${quoratedUsage}\n`);
    return 2;
  }
  const setup = loadNodeSetup(options.value);
  if (!setup.ok) {
    for (const problem of setup.issues) process.stderr.write(`quorated: ${problem.message}\n`);
    return 1;
  }
  const logging = setup.value.config.logging;
  const log = fileLog({
    path: logging.toLogfile
      ? (logging.logfile ?? join(options.value.stateDir, "quorated.log"))
      : undefined,
    node: options.value.nodeName,
    toStderr: logging.toStderr,
    debug: logging.debug !== "off",
  });
  for (const warning of setup.value.warnings) log.write("warning", "MAIN", warning.message);
  const node = await startNode(setup.value, log);
  const executor = createExecutor({
    node: options.value.nodeName,
    stateDir: options.value.stateDir,
    log,
  });
  const attrd = startAttrd(node, setup.value, log);
  const fencer = startFencer(node, setup.value, { executor, log });
  const controller = startController(node, setup.value, { executor, fencer, attrd, log });
  await new Promise<void>((resolve) => {
    process.once("SIGTERM", resolve);
    process.once("SIGINT", resolve);
  });
  log.write("notice", "MAIN", "Shutting down on signal: moving resources away first");
  // As Pacemaker's shutdown: the DC moves this node's resources, then the node leaves.
  await Promise.race([
    controller.shutdown(),
    new Promise<void>((resolve) => setTimeout(resolve, shutdownEscalationMs).unref()),
  ]);
  controller.stop();
  fencer.stop();
  attrd.stop();
  await executor.stopAll();
  await node.stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `quorated: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
