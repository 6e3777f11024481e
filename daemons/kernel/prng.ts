/** The one seeded PRNG of the project (mulberry32). Every random draw in a core comes from here. */
export class Prng {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  int(bound: number): number {
    return Math.floor(this.#unit() * bound);
  } // [0, bound)
  chance(percent: number): boolean {
    return this.int(100) < percent;
  }
  /** Per-node child stream: one node's draws never perturb another's. */
  fork(): Prng {
    return new Prng(this.int(2 ** 32));
  }
  #unit(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
