import { describe, expect, test } from "vitest";
import {
  clientFrameBytesMax,
  decodeClientRequest,
  decodeServerMessage,
  encodeMessage,
} from "../../../backend/protocol/index.js";
import type { ServerMessage } from "../../../backend/protocol/index.js";

describe("decodeClientRequest()", () => {
  test("accepts each request kind", () => {
    expect(decodeClientRequest('{"kind":"quorum_status_requested","id":1}')).toEqual({
      ok: true,
      value: { kind: "quorum_status_requested", id: 1 },
      issues: [],
    });
    const cut = decodeClientRequest('{"kind":"links_cut_requested","id":2,"peers":["node3"]}');
    expect(cut.ok && cut.value).toEqual({ kind: "links_cut_requested", id: 2, peers: ["node3"] });
  });

  test.each([
    ["not json", "bad_frame"],
    ["[1]", "bad_frame"],
    ['{"kind":"shutdown","id":1}', "unknown_kind"],
    ['{"kind":"quorum_status_requested"}', "bad_field"],
    ['{"kind":"quorum_status_requested","id":-1}', "bad_field"],
    ['{"kind":"links_cut_requested","id":1,"peers":[3]}', "bad_field"],
    ['{"kind":"quorum_status_requested","id":1,"__proto__":{}}', undefined],
  ])("classifies %j with a stable code", (frame, code) => {
    const result = decodeClientRequest(frame);
    expect(result.ok ? undefined : result.issues[0]?.code).toBe(code);
  });

  test("refuses a frame over the size limit before parsing it", () => {
    const result = decodeClientRequest(" ".repeat(clientFrameBytesMax + 1));
    expect(result.ok ? undefined : result.issues[0]?.code).toBe("frame_too_large");
  });
});

describe("decodeServerMessage()", () => {
  test("round-trips every server message through encodeMessage()", () => {
    const messages: ServerMessage[] = [
      {
        kind: "quorum_status",
        id: 3,
        status: {
          provider: "corosync_votequorum",
          localNodeid: 1,
          localName: "node1",
          ringId: { representative: 1, sequence: 8 },
          quorate: false,
          expectedVotes: 3,
          highestExpected: 3,
          totalVotes: 1,
          quorum: 2,
          flags: [],
          members: [{ nodeid: 1, name: "node1", votes: 1 }],
        },
      },
      { kind: "links_cut", id: 4, peers: ["node2"] },
      { kind: "error", id: null, code: "unauthorized", message: "no" },
    ];
    for (const message of messages) {
      expect(decodeServerMessage(encodeMessage(message))).toEqual({
        ok: true,
        value: message,
        issues: [],
      });
    }
  });

  test("rejects a quorum status with an unknown flag", () => {
    const status = {
      provider: "corosync_votequorum",
      localNodeid: 1,
      localName: "n",
      quorate: true,
      ringId: { representative: 1, sequence: 4 },
      expectedVotes: 1,
      highestExpected: 1,
      totalVotes: 1,
      quorum: 1,
      flags: ["Quorate", "Sparkly"],
      members: [],
    };
    const result = decodeServerMessage(JSON.stringify({ kind: "quorum_status", id: 1, status }));
    expect(result.ok ? undefined : result.issues[0]?.message).toMatch(
      /^Field "flags\[\]" must be one of 2Node/,
    );
  });

  test("rejects an error frame with an unknown code", () => {
    const result = decodeServerMessage('{"kind":"error","id":1,"code":"nope","message":"x"}');
    expect(result.ok).toBe(false);
  });
});
