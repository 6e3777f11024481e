import type { NodeId, Prng } from "../kernel/index.js";
import { InFlightQueue, type InFlight } from "./in-flight.js";

/** Packet faults (TigerBeetle's packet simulator). Delay: min + [0, spread] ticks. */
export interface NetworkFaults {
  readonly lossPercent: number;
  readonly duplicatePercent: number;
  readonly delayTicksMin: number;
  readonly delayTicksSpread: number;
}

export const perfectNetwork: NetworkFaults = {
  lossPercent: 0,
  duplicatePercent: 0,
  delayTicksMin: 1,
  delayTicksSpread: 0,
};

export type PartitionMode = "none" | "isolate_single" | "halves" | "asymmetric";

/**
 * A seeded network between simulated nodes: loss, duplication, delay (and so reordering), and
 * partitions as a set of blocked one-way links.
 */
export class SimNetwork<Message> {
  readonly #prng: Prng;
  readonly #queue = new InFlightQueue<Message>();
  readonly #blocked = new Set<string>();
  #faults: NetworkFaults;
  #sequence = 0;
  sentCount = 0;
  deliveredCount = 0;

  constructor(prng: Prng, faults: NetworkFaults) {
    this.#prng = prng;
    this.#faults = faults;
  }

  get faults(): NetworkFaults {
    return this.#faults;
  }

  setFaults(faults: NetworkFaults): void {
    this.#faults = faults;
  }

  get inFlightCount(): number {
    return this.#queue.size;
  }

  canReach(from: NodeId, to: NodeId): boolean {
    return !this.#blocked.has(`${from}>${to}`);
  }

  send(from: NodeId, to: NodeId, message: Message, now: number): void {
    this.sentCount += 1;
    const faults = this.#faults;
    if (!this.canReach(from, to) || this.#prng.chance(faults.lossPercent)) return;
    const copies = this.#prng.chance(faults.duplicatePercent) ? 2 : 1;
    for (let copy = 0; copy < copies; copy += 1) {
      const delay = faults.delayTicksMin + this.#prng.int(faults.delayTicksSpread + 1);
      this.#sequence += 1;
      this.#queue.push({ deliverAtTick: now + delay, sequence: this.#sequence, from, to, message });
    }
  }

  /** The next message due by `now`, in (deliverAtTick, sequence) order; a cut link drops it. */
  nextDue(now: number): InFlight<Message> | undefined {
    for (;;) {
      const entry = this.#queue.popDue(now);
      if (entry === undefined) return undefined;
      if (!this.canReach(entry.from, entry.to)) continue;
      this.deliveredCount += 1;
      return entry;
    }
  }

  /** Cuts the network as `mode` says, choosing sides with the network's own stream. */
  partition(mode: PartitionMode, nodeIds: readonly NodeId[]): void {
    this.heal();
    if (mode === "none" || nodeIds.length < 2) return;
    const shuffled = shuffle(nodeIds, this.#prng);
    if (mode === "isolate_single") {
      const [alone, ...rest] = shuffled;
      if (alone !== undefined) this.split([[alone], rest]);
    } else if (mode === "halves") {
      const cut = 1 + this.#prng.int(shuffled.length - 1);
      this.split([shuffled.slice(0, cut), shuffled.slice(cut)]);
    } else {
      const [from, to] = shuffled;
      if (from !== undefined && to !== undefined) this.blockOneWay(from, to);
    }
  }

  /** Nodes in different sides no longer reach each other. */
  split(sides: readonly (readonly NodeId[])[]): void {
    for (const side of sides) {
      for (const other of sides) {
        if (other === side) continue;
        for (const from of side) for (const to of other) this.#blocked.add(`${from}>${to}`);
      }
    }
  }

  blockOneWay(from: NodeId, to: NodeId): void {
    this.#blocked.add(`${from}>${to}`);
  }

  heal(): void {
    this.#blocked.clear();
  }

  get partitioned(): boolean {
    return this.#blocked.size > 0;
  }
}

function shuffle<T>(items: readonly T[], prng: Prng): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = prng.int(index + 1);
    const item = result[index];
    const swapped = result[other];
    if (item === undefined || swapped === undefined) continue;
    result[index] = swapped;
    result[other] = item;
  }
  return result;
}
