import { describe, expect, it } from "vitest";
import { clusterOptions } from "../../../completions/index.js";
import { completeAt, inLevel, labels } from "./fixture.js";

const configure = inLevel("configure");

describe("complete() of cluster properties and defaults", () => {
  it.each([
    ["property stonith-e<|>", ["stonith-enabled="]],
    [
      "property no-quorum-policy=<|>",
      [
        "no-quorum-policy=demote",
        "no-quorum-policy=freeze",
        "no-quorum-policy=ignore",
        "no-quorum-policy=stop",
        "no-quorum-policy=suicide",
      ],
    ],
    ["property stonith-enabled=f<|>", ["stonith-enabled=false"]],
    [
      "property stonith-enabled=false stonith-<|>",
      ["stonith-action=", "stonith-max-attempts=", "stonith-timeout=", "stonith-watchdog-timeout="],
    ],
    ["property cluster-name=<|>", []],
    ["property unknown-option=<|>", []],
    ["rsc_defaults resource-<|>", ["resource-stickiness="]],
    ["op_defaults time<|>", ["timeout="]],
    ["op_defaults record-pending=<|>", ["record-pending=false", "record-pending=true"]],
  ])("completes %j", (text, expected) => {
    expect(labels(completeAt(text, configure))).toEqual(expected);
  });

  it("shows each property's type and default", () => {
    expect(completeAt("property no-quorum<|>", configure)).toEqual([
      {
        label: "no-quorum-policy=",
        kind: "property",
        detail:
          "select stop|freeze|ignore|demote|suicide, default stop — " +
          "What to do when the cluster does not have quorum",
      },
    ]);
    expect(completeAt("property stonith-enabled=<|>", configure)).toEqual([
      { label: "stonith-enabled=false", kind: "value" },
      { label: "stonith-enabled=true", kind: "value", detail: "default" },
    ]);
  });

  it("lists every cluster option once, sorted, with a description", () => {
    const names = clusterOptions.map((option) => option.name);
    expect(names).toEqual([...new Set(names)].sort());
    expect(clusterOptions.every((option) => option.description.length > 0)).toBe(true);
    expect(labels(completeAt("property <|>", configure))).toHaveLength(clusterOptions.length);
  });
});
