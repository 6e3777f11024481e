import { describe, expect, test } from "vitest";
import type { XmlElement } from "../../../backend/cib/index.js";
import { emptyCib } from "../../../backend/cib/index.js";
import { stagedDiff } from "../../../shell/repl/index.js";
import { applyConfigureText } from "../../../shell/configure-language.js";

async function configured(base: XmlElement, text: string): Promise<XmlElement> {
  const applied = await applyConfigureText(base, text, "update");
  if (!applied.ok) throw new Error(applied.issues.map((found) => found.message).join("\n"));
  return applied.value.cib;
}

describe("stagedDiff()", () => {
  test("lists added, changed and removed objects in crm syntax", async () => {
    const original = await configured(
      emptyCib(),
      "primitive a ocf:heartbeat:Dummy\nprimitive b ocf:heartbeat:Dummy\ngroup g a b",
    );
    const removed = await configured(original, "primitive c ocf:heartbeat:Dummy");
    const working = await configured(
      removed,
      "primitive a ocf:heartbeat:Dummy op monitor interval=10s",
    );
    expect(stagedDiff(original, working).lines).toEqual([
      { sign: "~", text: "primitive a Dummy \\" },
      { sign: "~", text: "\top monitor interval=10s" },
      { sign: "+", text: "primitive c Dummy" },
    ]);
    expect(stagedDiff(working, original).lines.map((line) => line.sign)).toEqual(["~", "-"]);
    expect(stagedDiff(original, original).lines).toEqual([]);
    const limited = stagedDiff(original, working, { linesMax: 1 });
    expect(limited.lines).toHaveLength(2);
    expect(limited.hiddenObjects).toBe(1);
  });

  test("shows the XML of changed objects on request", async () => {
    const working = await configured(emptyCib(), "primitive d1 ocf:pacemaker:Dummy");
    expect(stagedDiff(emptyCib(), working, { xml: true }).lines[0]).toEqual({
      sign: "+",
      text: '<primitive id="d1" class="ocf" provider="pacemaker" type="Dummy"/>',
    });
  });
});
