import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { totemTiming } from "../../backend/corosync/index.js";
import type { QuorumStatus } from "../../backend/protocol/index.js";
import type { NodeId } from "../kernel/index.js";
import { membershipConfig } from "../membership/index.js";
import { TransportHost, transportLanDefaults } from "../transport/index.js";
import type { LocalCib } from "./cib-host.js";
import { startCibHost } from "./cib-start.js";
import { ClientHandlers, addStatusHandlers } from "./client-handlers.js";
import { clientChannel } from "./client-auth-channel.js";
import { ClusterBus } from "./cluster-bus.js";
import type { Log } from "./log.js";
import { MembershipHost } from "./membership-host.js";
import { QuorumHost, votequorumGroup } from "./quorum-host.js";
import type { QuorumChange } from "./quorum-host.js";
import type { NodeSetup } from "./setup.js";
import { linkAddresses } from "./setup.js";
import {
  StateDirectoryLocked,
  acquireStateLock,
  readRingSeq,
  writeFileAtomic,
} from "./state-files.js";

/** A started node, and what the daemons above membership (CIB, controller…) plug into. */
export interface RunningNode {
  readonly clientPort: number;
  /** Process groups in agreed order (corosync CPG) and membership views. */
  readonly bus: ClusterBus;
  readonly quorum: {
    status(): QuorumStatus | undefined;
    onChange(listener: (change: QuorumChange) => void): void;
  };
  /** Client request handlers by kind; subsystems add theirs. */
  readonly handlers: ClientHandlers;
  /** The replicated CIB, for the daemons in this process (controller, attrd, fencer). */
  readonly cib: LocalCib;
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

/** Starts one node: transport, membership, votequorum and the client channel. */
export async function startNode(setup: NodeSetup, log: Log): Promise<RunningNode> {
  const { options, local, config } = setup;
  mkdirSync(options.stateDir, { recursive: true });
  // One quorated per state folder: quorated.pid is its lock (a dead owner's is taken over).
  const lock = acquireStateLock(options.stateDir, stateFiles.pid);
  if (!lock.ok) throw new StateDirectoryLocked(lock.issues[0]?.message ?? "State folder in use");
  const names = new Map<NodeId, string>(setup.nodes.map((node) => [node.nodeid, node.name]));
  const transport = transportFor(setup, log);
  const bus: ClusterBus = new ClusterBus(local.nodeid, names, {
    feed: (input) => membership.feed(input),
    log,
  });
  const quorum = new QuorumHost(config, {
    nodes: setup.nodes,
    localNodeId: local.nodeid,
    tickMs: options.tickMs,
    log,
    broadcast: (payload) => bus.broadcast(votequorumGroup, payload),
  });
  bus.onView((view) => quorum.viewInstalled(view.ringId, view.members));
  const membership: MembershipHost = new MembershipHost(membershipFor(setup), {
    transport,
    stateDir: options.stateDir,
    log,
    names,
    ticked: () => quorum.tick(),
    performed: (effect) => bus.perform(effect),
  });
  const handlers = new ClientHandlers();
  addStatusHandlers(handlers, { quorum, transport, setup });
  const token = randomBytes(32).toString("hex");
  writeFileAtomic(join(options.stateDir, stateFiles.clientToken), token, 0o600);
  const client = clientChannel(options, { token, log, handlers });
  await transport.start();
  const clientPort = await client.start();
  membership.start();
  bus.joinGroup(votequorumGroup, {
    delivered: (message) => quorum.delivered(message.sender, message.payload),
  });
  const cib = startCibHost(
    { localNodeId: local.nodeid, localName: local.name, bus, quorum, handlers, log },
    options,
  );
  writeFileAtomic(join(options.stateDir, stateFiles.clientPort), `${clientPort}\n`);
  log.write(
    "notice",
    "MAIN",
    `Node ${local.name} (nodeid ${local.nodeid}) started; client channel on 127.0.0.1:${clientPort}`,
  );
  return {
    clientPort,
    bus,
    quorum: { status: () => quorum.status(), onChange: (listener) => quorum.onChange(listener) },
    handlers,
    cib,
    async stop() {
      cib.stop();
      membership.stop();
      await client.stop();
      await transport.stop();
      lock.value.release();
      log.write("notice", "MAIN", "Corosync Cluster Engine exiting normally");
    },
  };
}
