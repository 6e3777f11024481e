import { describe, expect, test } from "vitest";
import {
  decodeClientRequest,
  decodeServerMessage,
  encodeMessage,
} from "../../../backend/protocol/index.js";
import type { ClientRequest, ServerMessage } from "../../../backend/protocol/index.js";

describe("attribute and fencing requests on the wire", () => {
  const requests: ClientRequest[] = [
    {
      kind: "attribute_update_requested",
      id: 1,
      node: "node1",
      name: "pingd",
      value: "100",
      section: "status",
      lifetimeReboot: true,
      dampenMs: 5000,
    },
    {
      kind: "attribute_update_requested",
      id: 2,
      node: "node2",
      name: "fail-count-vip#monitor_10000",
      value: null,
      section: "status",
      lifetimeReboot: true,
    },
    { kind: "attribute_query_requested", id: 3, node: "node1", name: "pingd" },
    { kind: "attribute_list_requested", id: 4 },
    { kind: "attribute_list_requested", id: 5, node: "node3" },
    { kind: "fence_requested", id: 6, target: "node3", action: "reboot" },
    { kind: "fence_history_requested", id: 7, target: "node3" },
  ];

  test.each(requests)("decodeClientRequest() reads back %j", (request) => {
    const decoded = decodeClientRequest(encodeMessage(request));
    expect(decoded.ok && decoded.value).toEqual(request);
  });

  const replies: ServerMessage[] = [
    { kind: "attribute_updated", id: 1, node: "node1", name: "pingd" },
    { kind: "attribute_value", id: 2, node: "node1", name: "pingd", value: null },
    { kind: "attribute_list", id: 3, attributes: [{ node: "n1", name: "a", value: "1" }] },
    {
      kind: "fence_result",
      id: 4,
      event: {
        target: "node3",
        action: "off",
        state: "success",
        origin: "node1",
        client: "crm",
        delegate: "node2",
        device: "fence-local",
        completedMs: 1_700_000_000_000,
      },
    },
    {
      kind: "fence_history",
      id: 5,
      events: [
        {
          target: "n2",
          action: "reboot",
          state: "failed",
          origin: "n1",
          client: "controller",
          reason: "No device can fence n2",
        },
      ],
    },
  ];

  test.each(replies)("decodeServerMessage() reads back %j", (reply) => {
    const decoded = decodeServerMessage(encodeMessage(reply));
    expect(decoded.ok && decoded.value).toEqual(reply);
  });

  test.each([
    ['{"kind":"fence_requested","id":1,"target":"n1","action":"cycle"}', "action"],
    ['{"kind":"attribute_update_requested","id":1,"node":"n","name":"a","value":3}', "value"],
    [
      '{"kind":"attribute_update_requested","id":1,"node":"n","name":"a","value":"1",' +
        '"section":"crm_config","lifetimeReboot":true}',
      "section",
    ],
    ['{"kind":"attribute_query_requested","id":1,"node":"n"}', "name"],
  ])("refuses %j naming the bad field", (frame, path) => {
    const decoded = decodeClientRequest(frame);
    expect(decoded.ok).toBe(false);
    expect(decoded.issues[0]?.code).toBe("bad_field");
    expect(decoded.issues[0]?.path).toEqual([path]);
  });
});
