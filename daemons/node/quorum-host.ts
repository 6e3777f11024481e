import type { CorosyncConfig } from "../../backend/corosync/index.js";
import type { QuorumStatus } from "../../backend/protocol/index.js";
import type { NodeId, RingId } from "../kernel/index.js";
import { Quorum, quorumConfig, quorumStatus } from "../quorum/index.js";
import type { QuorumConfig, QuorumEffect, QuorumSection } from "../quorum/index.js";
import type { Log } from "./log.js";

export type QuorumChange = Extract<QuorumEffect, { kind: "quorum_changed" }>;

/** The process group votequorum announces expected votes in. */
export const votequorumGroup = "votequorum";

function section(config: CorosyncConfig): QuorumSection {
  const quorum = config.quorum;
  const node = quorum.autoTieBreakerNode;
  return {
    ...(quorum.expectedVotes === undefined ? {} : { expectedVotes: quorum.expectedVotes }),
    twoNode: quorum.twoNode,
    ...(quorum.waitForAll === undefined ? {} : { waitForAll: quorum.waitForAll }),
    lastManStanding: quorum.lastManStanding,
    lastManStandingWindowMs: quorum.lastManStandingWindowMs,
    autoTieBreaker: quorum.autoTieBreaker,
    autoTieBreakerNode: typeof node === "string" ? { kind: node } : { kind: "list", nodeIds: node },
  };
}

/** Hosts the votequorum core: views in, announcements broadcast through the membership. */
export class QuorumHost {
  readonly core: Quorum;
  readonly config: QuorumConfig;
  readonly #names: ReadonlyMap<NodeId, string>;
  readonly #listeners: ((change: QuorumChange) => void)[] = [];
  readonly #statusListeners = new Set<(status: QuorumStatus) => void>();
  #lastStatusText: string | undefined;

  constructor(
    corosync: CorosyncConfig,
    readonly env: {
      /** The nodelist with names and nodeids. */
      readonly nodes: readonly {
        readonly name: string;
        readonly nodeid: NodeId;
        readonly quorumVotes: number;
      }[];
      readonly localNodeId: NodeId;
      readonly tickMs: number;
      readonly broadcast: (payload: string) => void;
      readonly log: Log;
    },
  ) {
    const nodes = env.nodes.map((node) => ({ nodeId: node.nodeid, votes: node.quorumVotes }));
    this.config = quorumConfig(env.localNodeId, nodes, {
      section: section(corosync),
      tickMs: env.tickMs,
    });
    this.core = new Quorum(this.config);
    this.#names = new Map(env.nodes.map((node) => [node.nodeid, node.name]));
  }

  tick(): void {
    this.#feed({ kind: "tick" });
  }

  viewInstalled(ringId: RingId, members: readonly NodeId[]): void {
    this.#feed({ kind: "view_installed", ringId, members });
  }

  /** A votequorum announcement delivered in agreed order. */
  delivered(sender: NodeId, payload: string): void {
    const expectedVotes = Number(payload);
    if (!Number.isSafeInteger(expectedVotes) || expectedVotes < 1) {
      this.env.log.write("warning", "QUORUM", `Ignored a bad announcement from node ${sender}`);
      return;
    }
    this.#feed({ kind: "announced", nodeId: sender, expectedVotes });
  }

  /** `corosync-quorumtool -s`'s figures, with names; undefined before the first view. */
  status(): QuorumStatus | undefined {
    const state = this.core.state();
    const ringId = state.ringId;
    if (ringId === undefined) return undefined;
    const status = quorumStatus(state, this.config);
    return {
      provider: "corosync_votequorum",
      localNodeid: this.env.localNodeId,
      localName: this.#names.get(this.env.localNodeId) ?? "",
      ringId: { representative: ringId.representative, sequence: ringId.seq },
      quorate: status.quorate,
      expectedVotes: status.expectedVotes,
      highestExpected: status.highestExpected,
      totalVotes: status.totalVotes,
      quorum: status.quorum,
      flags: status.flags,
      members: status.members.map((member) => ({
        nodeid: member.nodeId,
        votes: member.votes,
        name: this.#names.get(member.nodeId) ?? String(member.nodeId),
      })),
    };
  }

  #feed(input: Parameters<Quorum["step"]>[0]): void {
    this.core.step(input);
    for (const effect of this.core.drain()) this.#perform(effect);
    this.#announceStatus();
  }

  /**
   * Hears the status after every change of it (a view installed, votes announced, quorum
   * decided): what `quorum_subscribe_requested` clients are pushed. Returns the unsubscriber.
   */
  onStatusChanged(listener: (status: QuorumStatus) => void): () => void {
    // Changes are judged against what the new listener can query now.
    const current = this.status();
    this.#lastStatusText = current === undefined ? undefined : JSON.stringify(current);
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  #announceStatus(): void {
    if (this.#statusListeners.size === 0) return;
    const status = this.status();
    if (status === undefined) return;
    const text = JSON.stringify(status);
    if (text === this.#lastStatusText) return;
    this.#lastStatusText = text;
    for (const listener of this.#statusListeners) listener(status);
  }

  /** Hears every quorum decision (Pacemaker's quorum notification). */
  onChange(listener: (change: QuorumChange) => void): void {
    this.#listeners.push(listener);
  }

  #perform(effect: QuorumEffect): void {
    if (effect.kind === "announce") return this.env.broadcast(String(effect.expectedVotes));
    for (const listener of this.#listeners) listener(effect);
    const members = effect.members.join(" ");
    const verdict = effect.quorate ? "retained" : "lost";
    this.env.log.write("notice", "QUORUM", `Quorum ${verdict}: members ${members}`);
  }
}
