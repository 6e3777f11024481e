import { describe, expect, it } from "vitest";
import { completeAt, inLevel, labels } from "./fixture.js";

const common = ["cd", "help", "ls", "quit", "up"];
const typeFilters = [
  "acl_group",
  "acl_target",
  "alert",
  "bundle",
  "clone",
  "colocation",
  "fencing_topology",
  "group",
  "location",
  "ms",
  "node",
  "op_defaults",
  "order",
  "primitive",
  "property",
  "role",
  "rsc_defaults",
  "rsc_template",
  "rsc_ticket",
  "tag",
  "user",
].map((type) => `type:${type}`);

describe("complete() at the root level", () => {
  it.each([
    ["<|>", ["cd", "cluster", "configure", "help", "ls", "node", "quit", "resource", "up"]],
    ["c<|>", ["cd", "cluster", "configure"]],
    ["con<|>", ["configure"]],
    ["cd <|>", ["cluster", "configure", "node", "resource"]],
    ["help <|>", ["cd", "cluster", "configure", "help", "ls", "node", "quit", "resource", "up"]],
    ["resource <|>", ["cleanup", "move", "start", "status", "stop", ...common].sort()],
    ["res st<|>", ["start", "status", "stop"]],
    ["resource start <|>", ["c-db", "db", "fence1", "g-web", "vip", "web"]],
    ["resource start vip <|>", ["c-db", "db", "fence1", "g-web", "vip", "web"]],
    ["resource move vip <|>", ["node1", "node2"]],
    ["resource move vip node1 <|>", []],
    ["resource status vip <|>", []],
    ["node standby <|>", ["node1", "node2"]],
    ["node standby node1 <|>", ["forever", "reboot"]],
    ["unknown <|>", []],
    ["-F <|>", []],
  ])("completes %j", (text, expected) => {
    expect(labels(completeAt(text))).toEqual(expected);
  });
});

describe("complete() in the configure level", () => {
  const configure = inLevel("configure");

  it.each([
    [
      "show <|>",
      [
        ...["c-db", "changed", "col-web", "db", "fence1", "g-web", "loc-vip", "node1", "node2"],
        ...["reader", "related:c-db", "related:db", "related:fence1", "related:g-web"],
        ...["related:vip", "related:web", "t-all", "tag:t-all", "tpl-web", ...typeFilters],
        ...["vip", "web", "xml"],
      ],
    ],
    ["show type:pr<|>", ["type:primitive", "type:property"]],
    [
      "show xml rel<|>",
      [
        "related:c-db",
        "related:db",
        "related:fence1",
        "related:g-web",
        "related:vip",
        "related:web",
      ],
    ],
    ["delete vip lo<|>", ["loc-vip"]],
    [
      "rename <|>",
      [
        "c-db",
        "col-web",
        "db",
        "fence1",
        "g-web",
        "loc-vip",
        "node1",
        "node2",
        "reader",
        "t-all",
        "tpl-web",
        "vip",
        "web",
      ],
    ],
    ["rename vip <|>", []],
    ["cd <|>", [".."]],
    ["r<|>", ["rename", "role", "rsc_defaults", "rsc_template", "rsc_ticket"]],
    ["fencing<|>", ["fencing_topology"]],
  ])("completes %j", (text, expected) => {
    expect(labels(completeAt(text, configure))).toEqual(expected);
  });

  it("describes commands and levels with their help", () => {
    expect(completeAt("sh<|>", configure)).toEqual([
      { label: "show", kind: "command", detail: "show help" },
    ]);
    expect(completeAt("clu<|>")).toEqual([
      { label: "cluster", kind: "level", detail: "Cluster setup" },
    ]);
  });

  it("offers nothing for an unknown level", () => {
    expect(completeAt("<|>", inLevel("nowhere"))).toEqual([]);
  });
});
