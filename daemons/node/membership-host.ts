import { ringIdText } from "../kernel/index.js";
import type { NodeId } from "../kernel/index.js";
import { Membership, decodeMessageText, encodeMessage } from "../membership/index.js";
import type { Effect, Input, MembershipConfig } from "../membership/index.js";
import type { TransportHost } from "../transport/index.js";
import type { Log } from "./log.js";
import { writeRingSeq } from "./state-files.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** Bytes from an authenticated peer → a checked membership message (never throws). */
function decodeWire(bytes: Uint8Array): ReturnType<typeof decodeMessageText> {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, issues: [{ code: "bad_message", message: "The message is not UTF-8" }] };
  }
  return decodeMessageText(text);
}

export interface MembershipHostEnv {
  readonly transport: TransportHost;
  readonly stateDir: string;
  readonly log: Log;
  readonly names: ReadonlyMap<NodeId, string>;
  /** Called after each tick input, so other cores tick on the same clock. */
  readonly ticked: () => void;
  readonly performed: (effect: Effect) => void;
}

/**
 * Feeds the membership core: ticks from the monotonic clock (as many as have elapsed, so a
 * busy event loop does not slow time down), messages from the transport; performs its effects
 * in order (the ring sequence is on disk before anything after it is sent).
 */
export class MembershipHost {
  readonly core: Membership;
  #timer: NodeJS.Timeout | undefined;
  #ticksDone = 0;
  #busy = false;
  readonly #pending: Input[] = [];
  #startedMs = performance.now();

  constructor(
    config: MembershipConfig,
    readonly env: MembershipHostEnv,
  ) {
    this.core = new Membership(config);
  }

  start(): void {
    this.env.transport.onMessage((from, bytes) => {
      const decoded = decodeWire(bytes);
      if (decoded.ok) this.feed({ kind: "received", from, message: decoded.value });
      else
        this.env.log.write(
          "warning",
          "TOTEM",
          `Dropped a message from node ${from}: ${decoded.issues[0]?.message ?? ""}`,
        );
    });
    this.env.transport.onPeerReachability((peer, reachable) =>
      this.#onReachability(peer, reachable),
    );
    this.#startedMs = performance.now();
    this.#timer = setInterval(() => this.#catchUp(), this.core.config.tickMs);
    this.#drainEffects();
  }

  /** Steps the core; an input arriving while effects are being performed waits its turn. */
  feed(input: Input): void {
    this.#pending.push(input);
    if (this.#busy) return;
    this.#busy = true;
    for (let next = this.#pending.shift(); next !== undefined; next = this.#pending.shift()) {
      this.core.step(next);
      this.#drainEffects();
    }
    this.#busy = false;
  }

  /** Orderly leave: the others re-form at once. */
  stop(): void {
    clearInterval(this.#timer);
    this.feed({ kind: "leave_requested" });
  }

  /**
   * Every link to `peer` refused its reconnect: its process is gone, so the core fails it now
   * instead of after the token (a dead host or a cut link still waits for the token).
   */
  #onReachability(peer: NodeId, reachable: boolean): void {
    const name = `${peer} (${this.env.names.get(peer) ?? "?"})`;
    if (reachable) {
      this.env.log.write("notice", "KNET", `host: ${name} has an active link again`);
      return;
    }
    this.env.log.write(
      "notice",
      "KNET",
      `host: ${name} has no active links and every reconnect was refused: its process is gone`,
    );
    const before = this.core.status();
    this.feed({ kind: "peer_unreachable", nodeId: peer });
    const member = before.phase === "operational" && before.members.includes(peer);
    if (member && this.core.status().phase !== "operational") {
      this.env.log.write(
        "notice",
        "TOTEM",
        `A processor failed, forming new configuration: node ${name} unreachable, not waiting for the token`,
      );
    }
  }

  #catchUp(): void {
    const due = Math.floor((performance.now() - this.#startedMs) / this.core.config.tickMs);
    while (this.#ticksDone < due) {
      this.#ticksDone += 1;
      this.feed({ kind: "tick" });
      this.env.ticked();
    }
  }

  #drainEffects(): void {
    for (const effect of this.core.drain()) this.#perform(effect);
  }

  #perform(effect: Effect): void {
    switch (effect.kind) {
      case "send":
        this.env.transport.send(effect.to, encoder.encode(encodeMessage(effect.message)));
        return;
      case "persist":
        writeRingSeq(this.env.stateDir, this.core.config.nodeId, effect.ringSeq);
        return;
      case "view_installed":
        this.#logView(effect);
        break;
      default:
        break;
    }
    this.env.performed(effect);
  }

  #logView(effect: Extract<Effect, { kind: "view_installed" }>): void {
    const name = (nodeId: NodeId): string => this.env.names.get(nodeId) ?? String(nodeId);
    const ring = ringIdText(effect.ringId);
    const joined = effect.joined.map(name).join(" ") || "-";
    const left = effect.left.map(name).join(" ") || "-";
    this.env.log.write(
      "notice",
      "TOTEM",
      `A new membership (${ring}) was formed. Members joined: ${joined} left: ${left}`,
    );
    this.env.log.write(
      "notice",
      "MAIN",
      `Members[${effect.members.length}]: ${effect.members.join(" ")}`,
    );
  }
}
