import { expect, test } from "vitest";
import {
  decodeMembershipMessage,
  encodeMembershipMessage,
} from "../../../daemons/node/membership-wire.js";
import type { Message } from "../../../daemons/membership/index.js";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

test("membership messages round-trip through the wire codec", () => {
  const messages: Message[] = [
    {
      kind: "heartbeat",
      ringId: { representative: 1, seq: 8 },
      operational: true,
      receivedThrough: 3,
      stableSeq: 2,
    },
    { kind: "join", counter: 2, procSet: [1, 2], failedSet: [3], ringSeqMax: 8 },
    {
      kind: "ordered",
      ringId: { representative: 1, seq: 8 },
      message: { seq: 4, sender: 2, localSeq: 1, group: "votequorum", payload: "3" },
    },
    { kind: "leave" },
  ];
  for (const message of messages) {
    expect(decodeMembershipMessage(encodeMembershipMessage(message))).toEqual({
      ok: true,
      value: message,
      issues: [],
    });
  }
});

test.each([
  [
    '{"kind":"join","counter":1,"procSet":[0],"failedSet":[],"ringSeqMax":0}',
    "message.procSet[0] must be a nodeid",
  ],
  [
    '{"kind":"commit","ringId":{"representative":1,"seq":-4},"members":[1]}',
    "message.ringId.seq must be a count",
  ],
  ['{"kind":"toString"}', 'Unknown message kind "toString"'],
  ["[1,2]", "Unknown message kind undefined"],
  ["not json", "the message is not UTF-8 JSON"],
])("decodeMembershipMessage() refuses %s", (text, reason) => {
  const result = decodeMembershipMessage(bytes(text));
  expect(result.ok ? undefined : result.issues[0]?.message).toBe(reason);
});
