import { assert } from "../../backend/base/index.js";
import type { NodeId, RingId } from "../kernel/index.js";
import { Membership, membershipConfig, type Input, type TotemTiming } from "../membership/index.js";
import { Quorum, quorumConfig, type QuorumSection } from "../quorum/index.js";

export interface SimNodeOptions {
  readonly nodeIds: readonly NodeId[];
  readonly tickMs: number;
  readonly timing: TotemTiming;
  readonly quorum: QuorumSection;
  /** Process groups this node's daemons join at start (cib, controller, attrd, fencer). */
  readonly groups: readonly string[];
}

/** The process group the quorum cores use to announce their expected votes. */
export const quorumGroup = "votequorum";

/** One simulated host: its membership and quorum cores and what survives a crash (the disk). */
export class SimNode {
  up = true;
  membership: Membership;
  quorum: Quorum;
  /** The ring sequence on disk (corosync's ringid_<nodeid> file). */
  persistedRingSeq = 0;
  view: { readonly ringId: RingId; readonly members: readonly NodeId[] } | undefined;
  quorate = false;
  broadcastCounter = 0;
  /** Inputs waiting while the effects of the current one are performed. */
  readonly inputs: Input[] = [];

  constructor(
    readonly nodeId: NodeId,
    readonly options: SimNodeOptions,
  ) {
    this.membership = this.#newMembership();
    this.quorum = this.#newQuorum();
  }

  #newMembership(): Membership {
    const { nodeIds, tickMs, timing } = this.options;
    return new Membership(
      membershipConfig(this.nodeId, nodeIds, {
        tickMs,
        timing,
        ringSeqRestored: this.persistedRingSeq,
      }),
    );
  }

  #newQuorum(): Quorum {
    const nodes = this.options.nodeIds.map((nodeId) => ({ nodeId }));
    return new Quorum(
      quorumConfig(this.nodeId, nodes, {
        section: this.options.quorum,
        tickMs: this.options.tickMs,
      }),
    );
  }

  /** The daemons join their groups, as at process start. */
  joinGroups(): void {
    for (const group of [quorumGroup, ...this.options.groups]) {
      this.membership.step({ kind: "group_join_requested", group });
    }
  }

  crash(): void {
    assert(this.up, `node ${this.nodeId} is up before it crashes`);
    this.up = false;
    this.inputs.length = 0;
    this.view = undefined;
    this.quorate = false;
  }

  /** A fresh process with only the persisted ring sequence. */
  restart(): void {
    assert(!this.up, `node ${this.nodeId} is down before it restarts`);
    this.up = true;
    this.membership = this.#newMembership();
    this.quorum = this.#newQuorum();
  }

  persist(ringSeq: number): void {
    assert(ringSeq > this.persistedRingSeq, `ring sequence grows on node ${this.nodeId}`);
    this.persistedRingSeq = ringSeq;
  }
}
