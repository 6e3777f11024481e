import { describe, expect, test } from "vitest";
import {
  decodeClientRequest,
  decodeServerMessage,
  encodeMessage,
} from "../../../backend/protocol/index.js";
import type { ClientRequest, ServerMessage } from "../../../backend/protocol/index.js";

const version = { adminEpoch: 0, epoch: 7, numUpdates: 2 };

describe("CIB requests on the client channel", () => {
  const requests: ClientRequest[] = [
    { kind: "cib_query_requested", id: 1 },
    { kind: "cib_query_requested", id: 2, xpath: "/cib/configuration/resources" },
    { kind: "cib_patch_requested", id: 3, patchset: '<diff format="2"/>' },
    { kind: "cib_replace_requested", id: 4, xml: "<cib/>" },
    { kind: "cib_replace_requested", id: 5, xml: "<cib/>", version },
    { kind: "cib_erase_requested", id: 6 },
    { kind: "cib_subscribe_requested", id: 7 },
    { kind: "cib_unsubscribe_requested", id: 8 },
  ];
  test.each(requests)("$kind round-trips", (request) => {
    expect(decodeClientRequest(encodeMessage(request))).toMatchObject({ ok: true, value: request });
  });

  test.each([
    ['{"kind":"cib_patch_requested","id":1}', "bad_field", "patchset"],
    ['{"kind":"cib_query_requested","id":1,"xpath":3}', "bad_field", "xpath"],
    [
      '{"kind":"cib_replace_requested","id":1,"xml":"<cib/>","version":{"epoch":1}}',
      "bad_field",
      "adminEpoch",
    ],
    ['{"kind":"cib_erase_requested","id":-1}', "bad_field", "id"],
  ])("%s is refused with %s", (text, code, name) => {
    const decoded = decodeClientRequest(text);
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.issues[0]?.code).toBe(code);
    expect(decoded.issues[0]?.message).toContain(name);
  });
});

describe("CIB replies and notifications", () => {
  const replies: ServerMessage[] = [
    { kind: "cib_query", id: 1, xml: "<cib/>", version },
    { kind: "cib_written", id: 2, version },
    { kind: "subscribed", id: 3 },
    { kind: "unsubscribed", id: 4 },
    { kind: "cib_changed", id: null, patchset: '<diff format="2"/>', version },
    { kind: "error", id: 5, code: "version_conflict", message: "The CIB is at 0.8.0" },
    { kind: "error", id: 6, code: "invalid_cib", message: "bad" },
    { kind: "error", id: 7, code: "permission_denied", message: "no" },
  ];
  test.each(replies)("$kind round-trips", (reply) => {
    expect(decodeServerMessage(encodeMessage(reply))).toMatchObject({ ok: true, value: reply });
  });

  test("a pushed change must have a null id and a full version", () => {
    const withId = decodeServerMessage(
      JSON.stringify({ kind: "cib_changed", id: 3, patchset: "<diff/>", version }),
    );
    expect(withId.ok ? "" : withId.issues[0]?.code).toBe("bad_field");
    const noVersion = decodeServerMessage(
      JSON.stringify({ kind: "cib_query", id: 3, xml: "<cib/>", version: { epoch: 1 } }),
    );
    expect(noVersion.ok ? "" : noVersion.issues[0]?.message).toContain("adminEpoch");
  });
});
