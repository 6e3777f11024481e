import { expect, test } from "vitest";
import { CoreFeeder, Outbox } from "../../../daemons/kernel/index.js";

/** A core that echoes each input as an effect, so the order of steps is visible. */
class EchoCore {
  readonly steps: string[] = [];
  readonly #outbox = new Outbox<string>();
  step(input: string): void {
    this.steps.push(input);
    this.#outbox.push(input);
  }
  drain(): readonly string[] {
    return this.#outbox.drain();
  }
}

test("an input raised while an effect is performed waits its turn instead of re-entering", () => {
  const core = new EchoCore();
  const performed: string[] = [];
  const feeder: CoreFeeder<string, string> = new CoreFeeder(core, (effect) => {
    performed.push(effect);
    if (effect === "a") expect(feeder.feed("raised by a")).toBe(false);
  });
  expect(feeder.feed("a")).toBe(true);
  expect(core.steps).toEqual(["a", "raised by a"]);
  expect(performed).toEqual(["a", "raised by a"]);
});

test("a throwing effect leaves the feeder usable", () => {
  const core = new EchoCore();
  const feeder = new CoreFeeder(core, (effect) => {
    if (effect === "bad") throw new Error("disk full");
  });
  expect(() => feeder.feed("bad")).toThrow("disk full");
  expect(feeder.feed("good")).toBe(true);
  expect(core.steps).toEqual(["bad", "good"]);
});
