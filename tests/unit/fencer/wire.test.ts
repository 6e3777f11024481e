import { describe, expect, test } from "vitest";
import { decodeFencerMessage, encodeFencerMessage } from "../../../daemons/fencer/index.js";
import type { FencerMessage } from "../../../daemons/fencer/index.js";

describe("stonith-ng messages", () => {
  test.each<FencerMessage>([
    { kind: "announce", id: "2-7-a1" },
    {
      kind: "request",
      opId: "1-5-3",
      target: "node2",
      action: "off",
      origin: "node1",
      client: "c",
    },
    {
      kind: "request",
      opId: "1-5-4",
      target: "node2",
      action: "reboot",
      origin: "node1",
      client: "c",
      restart: "2-7-a1",
    },
    { kind: "history", entries: [], restart: "2-7-a1" },
    {
      kind: "history",
      entries: [
        {
          opId: "1-5-3",
          event: {
            target: "node2",
            action: "off",
            state: "success",
            origin: "node1",
            client: "c",
            delegate: "node3",
            completedMs: 12,
          },
        },
      ],
    },
  ])("decodeFencerMessage() reads what encodeFencerMessage() wrote: %j", (message) => {
    expect(decodeFencerMessage(encodeFencerMessage(message))).toMatchObject({
      ok: true,
      value: message,
    });
  });

  test.each([
    '{"kind":"announce"}',
    '{"kind":"history","entries":[],"restart":""}',
    '{"kind":"history","entries":[{"opId":"1"}]}',
    '{"kind":"request","opId":"1","target":"n","action":"off","origin":"o","client":"c","restart":5}',
    '{"kind":"request","opId":"1","target":"n","action":"explode","origin":"o","client":"c"}',
    "[1]",
    "not json",
  ])("rejects %s with an issue", (payload) => {
    const decoded = decodeFencerMessage(payload);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.issues[0]?.code).toBe("bad_fencer_message");
  });
});
