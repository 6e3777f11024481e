import { describe, expect, test } from "vitest";
import { element, emptyCib, firstChild, type XmlElement } from "../../../backend/cib/index.js";
import { recheckAtMs, recheckIntervalMsDefault } from "../../../daemons/controller/index.js";

function cib(recheckInterval?: string): XmlElement {
  const root = emptyCib();
  const crmConfig = firstChild(firstChild(root, "configuration") ?? root, "crm_config");
  if (recheckInterval !== undefined) {
    crmConfig?.children.push(
      element("cluster_property_set", { id: "o" }, [
        element("nvpair", { id: "o-r", name: "cluster-recheck-interval", value: recheckInterval }),
      ]),
    );
  }
  return root;
}

const nowMs = 1_700_000_000_000;

describe("recheckAtMs(): when the DC runs the scheduler again with nothing changed", () => {
  test("cluster-recheck-interval bounds it: 15 minutes by default, as Pacemaker", () => {
    expect(recheckIntervalMsDefault).toBe(900_000);
    expect(recheckAtMs(cib(), { nowMs, recheckBy: undefined })).toBe(nowMs + 900_000);
    expect(recheckAtMs(cib("5min"), { nowMs, recheckBy: undefined })).toBe(nowMs + 300_000);
  });

  test("the scheduler's recheck-by comes first when earlier", () => {
    const recheckBy = nowMs / 1000 + 3;
    expect(recheckAtMs(cib(), { nowMs, recheckBy })).toBe(nowMs + 3_000);
    expect(recheckAtMs(cib("1s"), { nowMs, recheckBy })).toBe(nowMs + 1_000);
  });

  test("an interval of 0 disables the periodic recheck, not recheck-by", () => {
    expect(recheckAtMs(cib("0"), { nowMs, recheckBy: undefined })).toBeUndefined();
    expect(recheckAtMs(cib("0"), { nowMs, recheckBy: nowMs / 1000 + 60 })).toBe(nowMs + 60_000);
  });
});
