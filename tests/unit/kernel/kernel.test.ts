import { describe, expect, test } from "vitest";
import {
  Outbox,
  Prng,
  compareRingIds,
  ringIdText,
  sortedNodeIds,
  ticksFromMs,
} from "../../../daemons/kernel/index.js";

describe("Prng", () => {
  test("Prng draws the same sequence for the same seed", () => {
    const draws = (seed: number): number[] => {
      const prng = new Prng(seed);
      return Array.from({ length: 5 }, () => prng.int(1000));
    };
    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
  });

  test("Prng.int() stays in [0, bound) and chance() follows the percentage", () => {
    const prng = new Prng(7);
    let hits = 0;
    const values = new Set<number>();
    for (let index = 0; index < 10_000; index += 1) {
      values.add(prng.int(6));
      if (prng.chance(25)) hits += 1;
    }
    expect([...values].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(hits).toBeGreaterThan(2300);
    expect(hits).toBeLessThan(2700);
  });

  test("Prng.fork() gives a child stream that does not perturb a sibling's", () => {
    const parent = new Prng(1);
    const first = parent.fork();
    const second = parent.fork();
    const firstDraws = [first.int(100), first.int(100)];
    const again = new Prng(1);
    const firstAgain = again.fork();
    again.fork().int(100);
    expect([firstAgain.int(100), firstAgain.int(100)]).toEqual(firstDraws);
    expect(second.int(1000)).toBeTypeOf("number");
  });
});

describe("ids and ticks", () => {
  test("ringIdText() prints corosync's hex rep.seq", () => {
    expect(ringIdText({ representative: 1, seq: 13 })).toBe("1.d");
    expect(ringIdText({ representative: 2, seq: 0x1b9 })).toBe("2.1b9");
  });

  test("compareRingIds() orders by sequence, then representative", () => {
    const ids = [
      { representative: 2, seq: 8 },
      { representative: 1, seq: 8 },
      { representative: 3, seq: 4 },
    ];
    expect([...ids].sort(compareRingIds).map(ringIdText)).toEqual(["3.4", "1.8", "2.8"]);
  });

  test("sortedNodeIds() sorts numerically and drops duplicates", () => {
    expect(sortedNodeIds([10, 2, 2, 1])).toEqual([1, 2, 10]);
  });

  test("ticksFromMs() rounds up to whole ticks", () => {
    expect(ticksFromMs(1650, 10)).toBe(165);
    expect(ticksFromMs(55, 10)).toBe(6);
    expect(ticksFromMs(1, 10)).toBe(1);
    expect(ticksFromMs(0, 10)).toBe(0);
  });

  test("Outbox.drain() returns effects in order and clears them", () => {
    const outbox = new Outbox<string>();
    outbox.push("persist");
    outbox.push("send");
    expect(outbox.drain()).toEqual(["persist", "send"]);
    expect(outbox.drain()).toEqual([]);
  });
});
