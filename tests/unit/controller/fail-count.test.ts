import { describe, expect, test } from "vitest";
import { element, emptyCib, firstChild, type XmlElement } from "../../../backend/cib/index.js";
import { failureAttributes } from "../../../daemons/controller/index.js";

function cib(startFailureIsFatal?: string): XmlElement {
  const root = emptyCib();
  const crmConfig = firstChild(firstChild(root, "configuration") ?? root, "crm_config");
  if (startFailureIsFatal !== undefined) {
    crmConfig?.children.push(
      element("cluster_property_set", { id: "o" }, [
        element("nvpair", {
          id: "o-f",
          name: "start-failure-is-fatal",
          value: startFailureIsFatal,
        }),
      ]),
    );
  }
  return root;
}

function failed(operation: string, interval: string): Record<string, string>[] {
  return [
    {
      id: "web_last_failure_0",
      operation_key: `web_${operation}_${interval}`,
      operation,
      interval,
      "rc-code": "1",
    },
  ];
}

const nowMs = 1_700_000_000_500;

describe("failureAttributes(): what a failure sets through attrd (update_failcount)", () => {
  test("a recurring monitor counts one more, with the time of the failure", () => {
    expect(failureAttributes(cib(), { records: failed("monitor", "10000"), nowMs })).toEqual([
      { name: "fail-count-web#monitor_10000", value: "value++" },
      { name: "last-failure-web#monitor_10000", value: "1700000000" },
    ]);
  });

  test("a failed start is INFINITY while start-failure-is-fatal (the default), else one more", () => {
    expect(failureAttributes(cib(), { records: failed("start", "0"), nowMs })?.[0]).toEqual({
      name: "fail-count-web#start_0",
      value: "INFINITY",
    });
    expect(
      failureAttributes(cib("false"), { records: failed("start", "0"), nowMs })?.[0]?.value,
    ).toBe("value++");
  });

  test("a failed stop is INFINITY (failed-stop-offset); promote and demote count one more", () => {
    expect(failureAttributes(cib(), { records: failed("stop", "0"), nowMs })?.[0]?.value).toBe(
      "INFINITY",
    );
    expect(failureAttributes(cib(), { records: failed("promote", "0"), nowMs })?.[0]?.value).toBe(
      "value++",
    );
  });

  test("probes and other one-shot operations count nothing", () => {
    expect(failureAttributes(cib(), { records: failed("monitor", "0"), nowMs })).toBeUndefined();
    expect(failureAttributes(cib(), { records: failed("notify", "0"), nowMs })).toBeUndefined();
  });
});
