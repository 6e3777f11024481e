import { describe, expect, it } from "vitest";
import { completeAt, inLevel, labels } from "./fixture.js";

const configure = inLevel("configure");
// Resources and templates: constraints may name a template (it applies to its primitives).
const resources = ["c-db", "db", "fence1", "g-web", "tpl-web", "vip", "web"];

describe("complete() in constraints", () => {
  it.each([
    ["location l <|>", resources],
    ["location l vip <|>", ["-inf:", "inf:", "rule"]],
    ["location l vip inf: <|>", ["node1", "node2"]],
    ["location l vip 100: node<|>", ["node1", "node2"]],
    ["location l vip rule <|>", ["#uname", "-inf:", "date", "defined", "inf:", "not_defined"]],
    ["colocation c <|>", ["-inf:", "inf:"]],
    ["colocation c inf: <|>", [...resources, "node-attribute="].sort()],
    [
      "colocation c inf: vip <|>",
      ["c-db", "db", "fence1", "g-web", "node-attribute=", "tpl-web", "web"],
    ],
    ["colocation c inf: vip web:P<|>", ["web:Promoted"]],
    ["order o <|>", ["0:", "Mandatory:", "Optional:", "Serialize:", ...resources, "inf:"].sort()],
    ["order o mand<|>", ["Mandatory:"]],
    ["order o Mandatory: vip:<|>", ["vip:demote", "vip:promote", "vip:start", "vip:stop"]],
    [
      "order o Mandatory: vip web <|>",
      ["c-db", "db", "fence1", "g-web", "symmetrical=", "tpl-web"],
    ],
    ["order o Optional: vip web symmetrical=<|>", ["symmetrical=false", "symmetrical=true"]],
    ["order o vip <|>", ["c-db", "db", "fence1", "g-web", "symmetrical=", "tpl-web", "web"]],
    [
      "rsc_ticket t ticketA: vip loss-policy=<|>",
      ["loss-policy=demote", "loss-policy=fence", "loss-policy=freeze", "loss-policy=stop"],
    ],
  ])("completes %j", (text, expected) => {
    expect(labels(completeAt(text, configure))).toEqual(expected);
  });

  it("describes the score forms", () => {
    expect(completeAt("colocation c i<|>", configure)).toEqual([
      { label: "inf:", kind: "score", detail: "INFINITY: mandatory" },
    ]);
  });
});
