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
