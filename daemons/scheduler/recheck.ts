/**
 * The earliest instant at which a schedule's result can change without any change to the CIB
 * (Pacemaker's `recheck-by`): a recorded failure reaching its failure-timeout, a date
 * expression's start or end boundary, a shutdown lock's limit. Noted while unpacking; the DC
 * arms its recheck timer for it.
 */
export class RecheckTime {
  #earliest: number | undefined;

  /** `now` in epoch seconds (undefined: time-based input is not evaluated, nothing is noted). */
  constructor(readonly now: number | undefined) {}

  /** Notes an instant (epoch seconds) at which some input changes; past instants are ignored. */
  note(seconds: number): void {
    if (this.now === undefined || !Number.isFinite(seconds) || seconds <= this.now) return;
    if (this.#earliest === undefined || seconds < this.#earliest) this.#earliest = seconds;
  }

  /** The earliest instant noted after `now`, in epoch seconds. */
  get earliest(): number | undefined {
    return this.#earliest;
  }
}
