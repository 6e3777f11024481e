import type { NodeId, Prng } from "../kernel/index.js";

/**
 * How the simulated transports report peers "provably unreachable" (every link down and every
 * reconnect refused, as after kill -9 of the peer's process): the real signal, sometimes late
 * or missing, and spurious reports about live nodes (a flapping link) that safety must survive.
 */
export interface ReachabilityFaults {
  /** Chance that a survivor's transport reports a crashed node at all. */
  readonly crashReportPercent: number;
  /** Delay of such a report after the crash: min + [0, spread] ticks. */
  readonly reportDelayTicksMin: number;
  readonly reportDelayTicksSpread: number;
  /** Chance per tick that one live node is told another live node is unreachable. */
  readonly spuriousPercent: number;
}

/** One report: `to`'s transport says `about` is unreachable. */
export interface ReachabilityReport {
  readonly to: NodeId;
  readonly about: NodeId;
}

interface Scheduled extends ReachabilityReport {
  readonly dueTick: number;
  readonly sequence: number;
}

/** Schedules reports on its own seeded stream, so the network's draws stay as they were. */
export class SimReachability {
  readonly #prng: Prng;
  readonly #scheduled: Scheduled[] = [];
  #faults: ReachabilityFaults;
  #sequence = 0;
  reportCount = 0;

  constructor(prng: Prng, faults: ReachabilityFaults) {
    this.#prng = prng;
    this.#faults = faults;
  }

  get faults(): ReachabilityFaults {
    return this.#faults;
  }

  /** Liveness phase: no spurious reports, and none still pending about restarted nodes. */
  calm(): void {
    this.#faults = { ...this.#faults, spuriousPercent: 0 };
    this.#scheduled.length = 0;
  }

  /** `nodeId` crashed: each survivor's transport may notice, after its own delay. */
  crashed(nodeId: NodeId, survivors: readonly NodeId[], now: number): void {
    const { crashReportPercent, reportDelayTicksMin, reportDelayTicksSpread } = this.#faults;
    for (const to of survivors) {
      if (to === nodeId || !this.#prng.chance(crashReportPercent)) continue;
      const delay = reportDelayTicksMin + this.#prng.int(reportDelayTicksSpread + 1);
      this.#sequence += 1;
      this.#scheduled.push({ to, about: nodeId, dueTick: now + delay, sequence: this.#sequence });
    }
    this.#scheduled.sort(
      (left, right) => left.dueTick - right.dueTick || left.sequence - right.sequence,
    );
  }

  /** Reports due by `now`, in order, plus maybe one spurious report among `live` nodes. */
  due(now: number, live: readonly NodeId[]): ReachabilityReport[] {
    const reports: ReachabilityReport[] = [];
    while (this.#scheduled[0] !== undefined && this.#scheduled[0].dueTick <= now) {
      const next = this.#scheduled.shift();
      if (next !== undefined) reports.push({ to: next.to, about: next.about });
    }
    if (live.length > 1 && this.#prng.chance(this.#faults.spuriousPercent)) {
      const to = live[this.#prng.int(live.length)];
      const others = live.filter((nodeId) => nodeId !== to);
      const about = others[this.#prng.int(others.length)];
      if (to !== undefined && about !== undefined) reports.push({ to, about });
    }
    this.reportCount += reports.length;
    return reports;
  }
}
