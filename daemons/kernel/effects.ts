/** The pending effects of a core, in the order the host must perform them. */
export class Outbox<Effect> {
  #effects: Effect[] = [];
  push(effect: Effect): void {
    this.#effects.push(effect);
  }
  /** Returns and clears the pending effects. */
  drain(): readonly Effect[] {
    const effects = this.#effects;
    this.#effects = [];
    return effects;
  }
  get size(): number {
    return this.#effects.length;
  }
}

/** A state machine a host drives: inputs in, then the effects they raised, in order. */
export interface SteppedCore<Input, Effect> {
  step(input: Input): void;
  drain(): readonly Effect[];
}

/**
 * Feeds a core and performs its effects, one input at a time: an input raised while an effect
 * is performed (a broadcast delivered at once, a reply that triggers a write) waits its turn
 * instead of re-entering the core mid-step.
 */
export class CoreFeeder<Input, Effect> {
  readonly #queue: Input[] = [];
  #feeding = false;

  constructor(
    readonly core: SteppedCore<Input, Effect>,
    readonly perform: (effect: Effect) => void,
  ) {}

  /** Queues `input`; returns true when this call ran the queue, false when one already does. */
  feed(input: Input): boolean {
    this.#queue.push(input);
    if (this.#feeding) return false;
    this.#feeding = true;
    try {
      for (let next = this.#queue.shift(); next !== undefined; next = this.#queue.shift()) {
        this.core.step(next);
        for (const effect of this.core.drain()) this.perform(effect);
      }
    } finally {
      this.#feeding = false;
    }
    return true;
  }
}
