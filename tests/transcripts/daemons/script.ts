import { ringIdText } from "../../../daemons/kernel/index.js";
import type { QuorumSection } from "../../../daemons/quorum/index.js";
import {
  SimCluster,
  converged,
  quorumGroup,
  safetyCheckers,
  type SimEvent,
} from "../../../daemons/sim/index.js";

/** Token 1000 ms, 10 ms ticks: the figures users pick for fast failover. */
const timing = { tokenMs: 1000, tokenCoefficientMs: 650, joinMs: 50, maxMessages: 17 };

export interface Block {
  readonly commands: readonly string[];
  readonly expected: readonly string[];
}

/** Blocks are command lines, a `----` line, the expected output, and a blank line. */
export function parseTranscript(text: string): Block[] {
  const blocks: Block[] = [];
  let commands: string[] = [];
  let expected: string[] = [];
  let inOutput = false;
  const flush = (): void => {
    if (commands.length > 0) blocks.push({ commands, expected });
    commands = [];
    expected = [];
    inOutput = false;
  };
  for (const line of text.split("\n")) {
    if (line === "----") inOutput = true;
    else if (line === "" && inOutput) flush();
    else if (inOutput) expected.push(line);
    else if (line !== "" && !line.startsWith("#")) commands.push(line);
  }
  flush();
  return blocks;
}

export function printTranscript(text: string, outputs: readonly (readonly string[])[]): string {
  const lines: string[] = [];
  let block = 0;
  let inOutput = false;
  for (const line of text.split("\n")) {
    if (inOutput) {
      if (line === "") inOutput = false;
      else continue;
    }
    lines.push(line);
    if (line === "----") {
      lines.push(...(outputs[block] ?? []));
      block += 1;
      inOutput = true;
    }
  }
  return lines.join("\n");
}

function describeEvent(event: SimEvent): string | undefined {
  const at = `t=${event.tick} node ${event.nodeId}:`;
  switch (event.kind) {
    case "view_installed":
      return `${at} view ${ringIdText(event.ringId)} {${event.members.join(",")}}`;
    case "quorum_changed":
      return `${at} ${event.quorate ? "quorate" : "not quorate"}`;
    case "delivered":
      if (event.group === quorumGroup) return undefined;
      return `${at} delivered "${event.payload}" from ${event.sender} in ${ringIdText(event.ringId)} seq ${event.seq}`;
    case "crashed":
      return `${at} crashed`;
    case "restarted":
      return `${at} restarted with ring seq ${event.ringSeqRestored}`;
    case "group_changed":
    case "broadcast_requested":
      return undefined;
  }
}

/** `cluster N [two_node] [wait_for_all] [last_man_standing] [auto_tie_breaker]` */
function createCluster(words: readonly string[]): SimCluster {
  const flags = new Set(words.slice(2));
  const quorum: QuorumSection = {
    ...(flags.has("two_node") ? { twoNode: true } : {}),
    ...(flags.has("wait_for_all") ? { waitForAll: true } : {}),
    ...(flags.has("last_man_standing") ? { lastManStanding: true } : {}),
    ...(flags.has("auto_tie_breaker") ? { autoTieBreaker: true } : {}),
  };
  const nodeCount = Number(words[1]);
  const sim = SimCluster.create({ seed: 1, nodeCount, timing, quorum, keepEvents: true });
  const quorumPartitions = quorum.twoNode !== true && quorum.lastManStanding !== true;
  for (const checker of safetyCheckers({ quorumPartitions })) sim.addChecker(checker);
  return sim;
}

/** Runs the blocks on one simulated cluster; returns each block's output lines. */
export function runTranscript(blocks: readonly Block[]): string[][] {
  let sim: SimCluster | undefined;
  const outputs: string[][] = [];
  for (const block of blocks) {
    const output: string[] = [];
    let from = sim?.events.length ?? 0;
    const flushEvents = (): void => {
      const events = sim?.events.slice(from) ?? [];
      output.push(...events.map(describeEvent).filter((line) => line !== undefined));
      from = sim?.events.length ?? 0;
    };
    for (const command of block.commands) {
      const words = command.split(/\s+/);
      if (words[0] === "cluster") {
        sim = createCluster(words);
        from = 0;
        continue;
      }
      if (sim === undefined) throw new Error(`"${command}" before "cluster N"`);
      const lines = runCommand(sim, words);
      flushEvents();
      output.push(...lines);
    }
    flushEvents();
    outputs.push(output);
  }
  return outputs;
}

function runCommand(sim: SimCluster, words: readonly string[]): string[] {
  const [verb, ...rest] = words;
  const numbers = rest.filter((word) => /^\d+$/.test(word)).map(Number);
  const first = numbers[0] ?? 0;
  switch (verb) {
    case "tick":
      sim.runTicks(first);
      return [];
    case "stabilize":
      return [`stable after ${sim.runUntil(converged, 5000)} ticks`];
    case "crash":
      sim.crash(first);
      return [];
    case "restart":
      sim.restart(first);
      return [];
    case "stop":
      sim.stop(first);
      return [];
    case "partition":
      sim.network.split(
        rest
          .join(" ")
          .split("|")
          .map((side) => side.trim().split(/\s+/).map(Number)),
      );
      return [];
    case "block": {
      // block 1 > 3: messages from 1 to 3 are lost, 3 to 1 still pass (asymmetric).
      sim.network.blockOneWay(first, numbers[1] ?? 0);
      return [];
    }
    case "heal":
      sim.heal();
      return [];
    case "broadcast":
      sim.broadcast(first, rest[1] ?? "cib", rest.slice(2).join(" "));
      return [];
    case "status":
      return sim.nodeIds.map((nodeId) => statusLine(sim, nodeId));
    default:
      throw new Error(`Unknown transcript command "${words.join(" ")}"`);
  }
}

function statusLine(sim: SimCluster, nodeId: number): string {
  const node = sim.node(nodeId);
  if (!node.up) return `node ${nodeId}: down`;
  const status = node.membership.status();
  const ring = status.ringId === undefined ? "-" : ringIdText(status.ringId);
  const quorum = node.quorum.state();
  return (
    `node ${nodeId}: ${status.phase} ${ring} {${status.members.join(",")}} ` +
    `${quorum.quorate ? "quorate" : "not quorate"} votes ${quorum.totalVotes}/${quorum.expectedVotes}`
  );
}
