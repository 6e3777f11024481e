import { unreachable } from "../../backend/base/index.js";
import { Outbox, sortedNodeIds, type NodeId, type RingId } from "../kernel/index.js";
import type { QuorumConfig } from "./config.js";
import { holdsTieBreaker, isTieBreakerSplit, quorumThreshold } from "./votes.js";

export type QuorumInput =
  | { readonly kind: "tick" }
  /** A view from the membership core (its `view_installed` effect). */
  | {
      readonly kind: "view_installed";
      readonly ringId: RingId;
      readonly members: readonly NodeId[];
    }
  /** A member's announcement, delivered in agreed order through the membership. */
  | { readonly kind: "announced"; readonly nodeId: NodeId; readonly expectedVotes: number };

export type QuorumEffect =
  /** Tell the members this node's expected votes (broadcast it; deliver as `announced`). */
  | { readonly kind: "announce"; readonly expectedVotes: number }
  | {
      readonly kind: "quorum_changed";
      readonly quorate: boolean;
      readonly ringId: RingId | undefined;
      readonly members: readonly NodeId[];
    };

/** What votequorum knows right now (the source of `corosync-quorumtool -s`). */
export interface QuorumState {
  readonly nodeId: NodeId;
  readonly ringId: RingId | undefined;
  readonly members: readonly NodeId[];
  readonly quorate: boolean;
  readonly expectedVotes: number;
  readonly highestExpected: number;
  readonly totalVotes: number;
  readonly quorum: number;
  readonly waitingForAll: boolean;
  readonly votesByNode: ReadonlyMap<NodeId, number>;
}

/** votequorum as a state machine: views and announcements in, quorum decisions out. */
export class Quorum {
  readonly #outbox = new Outbox<QuorumEffect>();
  #now = 0;
  #ringId: RingId | undefined;
  #members: readonly NodeId[] = [];
  #previousMembers: readonly NodeId[] = [];
  #expectedVotes: number;
  readonly #announced = new Map<NodeId, number>();
  #quorum = 0;
  #totalVotes = 0;
  #highestExpected = 0;
  #quorate = false;
  #waitingForAll: boolean;
  #lastManStandingDeadline: number | undefined;
  readonly #votes: ReadonlyMap<NodeId, number>;

  constructor(readonly config: QuorumConfig) {
    this.#expectedVotes = config.expectedVotes;
    this.#waitingForAll = config.waitForAll;
    this.#votes = new Map(config.nodes.map((node) => [node.nodeId, node.votes]));
  }

  step(input: QuorumInput): void {
    switch (input.kind) {
      case "tick":
        return this.#onTick();
      case "view_installed":
        return this.#onView(input.ringId, input.members);
      case "announced":
        if (!this.#members.includes(input.nodeId) || input.nodeId === this.config.nodeId) return;
        this.#announced.set(input.nodeId, input.expectedVotes);
        return this.#recalculate(false, false);
      default:
        return unreachable(input);
    }
  }

  drain(): readonly QuorumEffect[] {
    return this.#outbox.drain();
  }

  state(): QuorumState {
    return {
      nodeId: this.config.nodeId,
      ringId: this.#ringId,
      members: this.#members,
      quorate: this.#quorate,
      expectedVotes: this.#expectedVotes,
      highestExpected: this.#highestExpected,
      totalVotes: this.#totalVotes,
      quorum: this.#quorum,
      waitingForAll: this.config.waitForAll && this.#waitingForAll,
      votesByNode: this.#votes,
    };
  }

  #onTick(): void {
    this.#now += 1;
    const deadline = this.#lastManStandingDeadline;
    if (deadline === undefined || this.#now < deadline) return;
    this.#lastManStandingDeadline = undefined;
    if (this.#quorate) this.#recalculate(true, true);
  }

  #onView(ringId: RingId, members: readonly NodeId[]): void {
    const { config } = this;
    const next = sortedNodeIds(members);
    const left = this.#members.some((nodeId) => !next.includes(nodeId));
    if (config.lastManStanding) {
      const atbLowest =
        config.autoTieBreaker !== undefined &&
        holdsTieBreaker({
          tieBreaker: config.autoTieBreaker,
          configuredNodeIds: config.nodes.map((node) => node.nodeId),
          members: next,
        });
      if ((next.length >= this.#quorum && left) || (next.length <= this.#quorum && atbLowest)) {
        this.#lastManStandingDeadline = this.#now + config.lastManStandingWindowTicks;
      }
    }
    this.#previousMembers = this.#members;
    this.#members = next;
    this.#ringId = ringId;
    for (const nodeId of [...this.#announced.keys()]) {
      if (!next.includes(nodeId)) this.#announced.delete(nodeId);
    }
    this.#recalculate(false, false);
    this.#outbox.push({ kind: "announce", expectedVotes: this.#expectedVotes });
  }

  #votesOf(nodeId: NodeId): number {
    return this.#votes.get(nodeId) ?? 1;
  }

  /** votequorum's `recalculate_quorum`. */
  #recalculate(allowDecrease: boolean, byCurrentNodes: boolean): void {
    const members = this.#members;
    const totalVotes = members.reduce((sum, nodeId) => sum + this.#votesOf(nodeId), 0);
    if (totalVotes > this.#expectedVotes) this.#expectedVotes = totalVotes;
    const expectedOf = (nodeId: NodeId): number =>
      nodeId === this.config.nodeId
        ? this.#expectedVotes
        : (this.#announced.get(nodeId) ?? this.config.expectedVotes);
    const highestExpected = byCurrentNodes
      ? members.length
      : Math.max(0, ...members.map(expectedOf));
    this.#highestExpected = highestExpected;
    this.#totalVotes = totalVotes;
    this.#quorum = quorumThreshold({
      highestExpected,
      totalVotes,
      memberCount: members.length,
      twoNode: this.config.twoNode,
      previousQuorum: this.#quorum,
      allowDecrease,
    });
    if (byCurrentNodes) {
      this.#expectedVotes = members.length;
      for (const nodeId of members) this.#announced.set(nodeId, members.length);
      this.#announced.delete(this.config.nodeId);
      this.#outbox.push({ kind: "announce", expectedVotes: this.#expectedVotes });
    }
    this.#decide(totalVotes);
  }

  /** votequorum's `are_we_quorate`. */
  #decide(totalVotes: number): void {
    const { config } = this;
    if (config.waitForAll && this.#waitingForAll) {
      if (totalVotes !== this.#expectedVotes) return;
      this.#waitingForAll = false;
    }
    let quorate = this.#quorum <= totalVotes;
    const tieBreaker = config.autoTieBreaker;
    if (tieBreaker !== undefined && !quorate) {
      const split = isTieBreakerSplit({
        totalVotes,
        expectedVotes: this.#expectedVotes,
        previousMemberCount: this.#previousMembers.length,
        memberCount: this.#members.length,
        quorum: this.#quorum,
      });
      quorate =
        split &&
        holdsTieBreaker({
          tieBreaker,
          configuredNodeIds: config.nodes.map((node) => node.nodeId),
          members: this.#members,
        });
    }
    if (config.waitForAll) this.#waitingForAll = !quorate;
    if (quorate === this.#quorate) return;
    this.#quorate = quorate;
    this.#outbox.push({
      kind: "quorum_changed",
      quorate,
      ringId: this.#ringId,
      members: this.#members,
    });
  }
}
