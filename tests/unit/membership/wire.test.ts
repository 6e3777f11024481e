import { describe, expect, test } from "vitest";
import {
  decodeMessage,
  decodeMessageText,
  encodeMessage,
  type Message,
} from "../../../daemons/membership/index.js";

const ringId = { representative: 1, seq: 12 };
const ordered = { seq: 3, sender: 2, localSeq: 1, group: "cib", payload: "<cib/>", to: 3 };

const samples: Message[] = [
  { kind: "heartbeat", ringId, operational: true, receivedThrough: 4, stableSeq: 2 },
  { kind: "heartbeat", operational: false, receivedThrough: 0, stableSeq: 0 },
  { kind: "join", ringId, counter: 7, procSet: [1, 2], failedSet: [3], ringSeqMax: 12 },
  { kind: "commit", ringId, members: [1, 2] },
  {
    kind: "commit_ack",
    ringId,
    oldRingId: { representative: 1, seq: 8 },
    deliveredThrough: 2,
    messages: [ordered],
    groups: ["cib"],
  },
  {
    kind: "install",
    ringId,
    members: [1, 2],
    recovery: [{ oldRingId: { representative: 1, seq: 8 }, finalSeq: 3, messages: [ordered] }],
    groups: [{ nodeId: 1, groups: ["cib", "attrd"] }],
  },
  { kind: "submit", ringId, localSeq: 1, group: "attrd", payload: "", control: "group_join" },
  { kind: "ordered", ringId, message: ordered },
  { kind: "leave", ringId },
];

describe("membership wire", () => {
  test.each(samples.map((message) => [message.kind, message] as const))(
    "decodeMessageText(encodeMessage(%s)) gives the message back",
    (_kind, message) => {
      const decoded = decodeMessageText(encodeMessage(message));
      expect(decoded.ok && decoded.value).toEqual(message);
    },
  );

  test.each([
    ["not JSON", "{"],
    ["an unknown kind", JSON.stringify({ kind: "token" })],
    ["a node id of zero", JSON.stringify({ kind: "commit", ringId, members: [0] })],
    [
      "a negative seq",
      JSON.stringify({ kind: "commit", ringId: { representative: 1, seq: -4 }, members: [1] }),
    ],
    [
      "a string count",
      JSON.stringify({ kind: "heartbeat", operational: true, receivedThrough: "1", stableSeq: 0 }),
    ],
    [
      "an unknown control",
      JSON.stringify({
        kind: "submit",
        ringId,
        localSeq: 1,
        group: "g",
        payload: "",
        control: "x",
      }),
    ],
    ["a list", "[]"],
  ])("decodeMessageText() refuses %s with an issue, never a throw", (_what, text) => {
    const decoded = decodeMessageText(text);
    expect(decoded.ok).toBe(false);
    expect(decoded.issues[0]?.code).toBe("bad_message");
    expect(decoded.issues[0]?.message).toMatch(/^Cannot decode membership message/);
  });

  test("decodeMessage() refuses a member list above the limit", () => {
    const members = Array.from({ length: 2000 }, (_, index) => index + 1);
    expect(decodeMessage({ kind: "commit", ringId, members }).ok).toBe(false);
  });
});
