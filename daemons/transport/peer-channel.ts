import type { LinkMode } from "../../backend/corosync/index.js";
import type { OutboundLink } from "./outbound-link.js";

export interface PeerChannelOptions {
  readonly mode: LinkMode;
  /** knet_link_priority by link number (higher wins in passive mode). */
  readonly priorities: readonly number[];
  readonly queueFramesMax: number;
  /** Called for each payload dropped because the queue was full. */
  readonly onQueueFull: () => void;
}

/**
 * Everything this node sends to one peer: picks links by link_mode (passive: the up link with
 * the highest priority, ties to the lowest link number; active: every up link; rr: in turn)
 * and holds a bounded queue while no link is up.
 */
export class PeerChannel {
  readonly #queue: Uint8Array[] = [];
  #turn = 0;

  constructor(
    readonly links: readonly OutboundLink[],
    readonly options: PeerChannelOptions,
  ) {}

  get up(): boolean {
    return this.links.some((link) => link.up);
  }

  /**
   * Provably unreachable: every link is down and the last reconnect on every link was actively
   * refused (the peer's process is gone). A dead host or a cut cable never gives this.
   */
  get unreachable(): boolean {
    return this.links.length > 0 && this.links.every((link) => !link.up && link.refused);
  }

  send(payload: Uint8Array): void {
    this.flush();
    if (this.#queue.length === 0 && this.#transmit(payload)) return;
    this.#queue.push(payload);
    if (this.#queue.length > this.options.queueFramesMax) {
      this.#queue.shift();
      this.options.onQueueFull();
    }
  }

  /** Sends what waited, in order, as far as the links take it (after a link change, or a full buffer). */
  flush(): void {
    while (this.#queue.length > 0) {
      const next = this.#queue[0];
      if (next === undefined || !this.#transmit(next)) return;
      this.#queue.shift();
    }
  }

  #chosen(): OutboundLink[] {
    const up = this.links.filter((link) => link.up);
    if (up.length === 0) return [];
    if (this.options.mode === "active") return up;
    if (this.options.mode === "rr") {
      this.#turn = (this.#turn + 1) % up.length;
      return up.slice(this.#turn, this.#turn + 1);
    }
    const priority = (link: OutboundLink): number => this.options.priorities[link.link] ?? 1;
    const best = [...up].sort(
      (left, right) => priority(right) - priority(left) || left.link - right.link,
    );
    return best.slice(0, 1);
  }

  #transmit(payload: Uint8Array): boolean {
    let sent = false;
    for (const link of this.#chosen()) sent = link.send(payload) || sent;
    return sent;
  }
}
