import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { totemTiming } from "../../backend/corosync/index.js";
import type { ClientRequest, ServerMessage } from "../../backend/protocol/index.js";
import type { NodeId } from "../kernel/index.js";
import { membershipConfig } from "../membership/index.js";
import type { Effect } from "../membership/index.js";
import { TransportHost, transportLanDefaults } from "../transport/index.js";
import { ClientHost } from "./client-host.js";
import type { Log } from "./log.js";
import { MembershipHost } from "./membership-host.js";
import { QuorumHost, votequorumGroup } from "./quorum-host.js";
import type { NodeSetup } from "./setup.js";
import { linkAddresses } from "./setup.js";
import { readRingSeq, writeFileAtomic } from "./state-files.js";

export interface RunningNode {
  readonly clientPort: number;
  stop(): Promise<void>;
}

/** Files in the state folder that clients and `crm cluster local` read. */
export const stateFiles = {
  pid: "quorated.pid",
  clientPort: "client.port",
  clientToken: "client.token",
} as const;

function transportFor(setup: NodeSetup, log: Log): TransportHost {
  const { config, local } = setup;
  const timing = totemTiming(config);
  return new TransportHost({
    ...transportLanDefaults,
    localNodeId: local.nodeid,
    listen: linkAddresses(config, local),
    peers: setup.nodes
      .filter((node) => node.nodeid !== local.nodeid)
      .map((node) => ({
        nodeid: node.nodeid,
        name: node.name,
        addresses: linkAddresses(config, node),
      })),
    authkey: setup.authkey,
    linkMode: config.totem.linkMode,
    linkPriorities: local.ringAddresses.map(
      (_, link) =>
        config.totem.interfaces.find((entry) => entry.linknumber === link)?.knetLinkPriority ?? 1,
    ),
    pingIntervalMs: timing.knetPingIntervalMs,
    log: (text) => log.write("warning", "KNET", text),
  });
}

function membershipFor(setup: NodeSetup): ReturnType<typeof membershipConfig> {
  const { config, local, options } = setup;
  const totem = config.totem;
  return membershipConfig(
    local.nodeid,
    setup.nodes.map((node) => node.nodeid),
    {
      tickMs: options.tickMs,
      ringSeqRestored: readRingSeq(options.stateDir, local.nodeid),
      timing: {
        tokenMs: totem.tokenMs ?? 3000,
        tokenCoefficientMs: totem.tokenCoefficientMs,
        ...(totem.consensusMs === undefined ? {} : { consensusMs: totem.consensusMs }),
        joinMs: totem.joinMs,
        maxMessages: totem.maxMessages,
      },
    },
  );
}

function answer(
  request: ClientRequest,
  parts: { quorum: QuorumHost; transport: TransportHost; setup: NodeSetup },
): ServerMessage {
  const { quorum, transport, setup } = parts;
  switch (request.kind) {
    case "quorum_status_requested": {
      const status = quorum.status();
      if (status === undefined) {
        return {
          kind: "error",
          id: request.id,
          code: "not_ready",
          message: "No membership has been formed yet",
        };
      }
      return { kind: "quorum_status", id: request.id, status };
    }
    case "transport_status_requested":
      return { kind: "transport_status", id: request.id, status: transport.status() };
    case "links_cut_requested": {
      if (!setup.options.allowFaultInjection) {
        return {
          kind: "error",
          id: request.id,
          code: "not_allowed",
          message: "Fault injection is off on this node",
        };
      }
      const ids = request.peers.map(
        (name) => setup.nodes.find((node) => node.name === name)?.nodeid,
      );
      if (ids.some((id) => id === undefined)) {
        return {
          kind: "error",
          id: request.id,
          code: "bad_field",
          message: "Unknown node name in peers",
        };
      }
      transport.cutLinks(
        ids.filter((id) => id !== undefined),
        request.links,
      );
      return { kind: "links_cut", id: request.id, peers: request.peers };
    }
  }
}

/** Starts one node: transport, membership, votequorum and the client channel. */
export async function startNode(setup: NodeSetup, log: Log): Promise<RunningNode> {
  const { options, local, config } = setup;
  mkdirSync(options.stateDir, { recursive: true });
  const names = new Map<NodeId, string>(setup.nodes.map((node) => [node.nodeid, node.name]));
  const transport = transportFor(setup, log);
  const quorum = new QuorumHost(config, {
    nodes: setup.nodes,
    localNodeId: local.nodeid,
    tickMs: options.tickMs,
    log,
    broadcast: (payload) =>
      membership.feed({ kind: "broadcast_requested", group: votequorumGroup, payload }),
  });
  const performed = (effect: Effect): void => {
    if (effect.kind === "view_installed") quorum.viewInstalled(effect.ringId, effect.members);
    if (effect.kind === "delivered" && effect.group === votequorumGroup)
      quorum.delivered(effect.sender, effect.payload);
  };
  const membership: MembershipHost = new MembershipHost(membershipFor(setup), {
    transport,
    stateDir: options.stateDir,
    log,
    names,
    ticked: () => quorum.tick(),
    performed,
  });
  const token = randomBytes(32).toString("hex");
  writeFileAtomic(join(options.stateDir, stateFiles.clientToken), token, 0o600);
  const client = new ClientHost({ port: options.clientPort, token, log }, (request) =>
    answer(request, { quorum, transport, setup }),
  );
  await transport.start();
  const clientPort = await client.start();
  membership.start();
  membership.feed({ kind: "group_join_requested", group: votequorumGroup });
  writeFileAtomic(join(options.stateDir, stateFiles.clientPort), `${clientPort}\n`);
  writeFileSync(join(options.stateDir, stateFiles.pid), `${process.pid}\n`);
  log.write(
    "notice",
    "MAIN",
    `Node ${local.name} (nodeid ${local.nodeid}) started; client channel on 127.0.0.1:${clientPort}`,
  );
  return {
    clientPort,
    async stop() {
      membership.stop();
      await client.stop();
      await transport.stop();
      rmSync(join(options.stateDir, stateFiles.pid), { force: true });
      log.write("notice", "MAIN", "Corosync Cluster Engine exiting normally");
    },
  };
}
