import { describe, expect, test } from "vitest";
import type { OutboundLink } from "../../../daemons/transport/outbound-link.js";
import { PeerChannel } from "../../../daemons/transport/peer-channel.js";
import type { PeerChannelOptions } from "../../../daemons/transport/peer-channel.js";

/** A link whose state the test sets: up or down, and whether its send buffer has room. */
class TestLink {
  up = true;
  room = true;
  readonly sent: string[] = [];
  constructor(readonly link: number) {}
  send(payload: Uint8Array): boolean {
    if (!this.up || !this.room) return false;
    this.sent.push(new TextDecoder().decode(payload));
    return true;
  }
}

function channel(links: TestLink[], options: Partial<PeerChannelOptions> = {}) {
  let full = 0;
  const peer = new PeerChannel(links as unknown as OutboundLink[], {
    mode: "passive",
    priorities: [1, 2, 2],
    queueFramesMax: 2,
    onQueueFull: () => (full += 1),
    ...options,
  });
  const send = (text: string): void => peer.send(new TextEncoder().encode(text));
  return { peer, send, full: () => full };
}

describe("PeerChannel", () => {
  test("passive mode uses the up link with the highest priority, ties to the lowest number", () => {
    const links = [new TestLink(0), new TestLink(1), new TestLink(2)];
    const { send } = channel(links);
    send("a");
    links[1]!.up = false;
    send("b");
    expect(links.map((link) => link.sent)).toEqual([[], ["a"], ["b"]]);
  });

  test("active mode sends on every up link; rr takes them in turn", () => {
    const active = [new TestLink(0), new TestLink(1)];
    channel(active, { mode: "active" }).send("x");
    expect(active.map((link) => link.sent)).toEqual([["x"], ["x"]]);
    const turns = [new TestLink(0), new TestLink(1)];
    const { send } = channel(turns, { mode: "rr" });
    for (const text of ["1", "2", "3", "4"]) send(text);
    expect(turns.map((link) => link.sent)).toEqual([
      ["2", "4"],
      ["1", "3"],
    ]);
  });

  test("holds a bounded queue while no link is up, counts what it drops, flushes in order", () => {
    const links = [new TestLink(0)];
    links[0]!.up = false;
    const { peer, send, full } = channel(links);
    for (const text of ["1", "2", "3"]) send(text);
    expect(full()).toBe(1);
    links[0]!.up = true;
    peer.flush();
    expect(links[0]!.sent).toEqual(["2", "3"]);
  });

  test("a full send buffer queues, and the next send flushes the queue first", () => {
    const links = [new TestLink(0)];
    const { send } = channel(links);
    links[0]!.room = false;
    send("1");
    links[0]!.room = true;
    send("2");
    expect(links[0]!.sent).toEqual(["1", "2"]);
  });
});
