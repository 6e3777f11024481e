// A failure older than the resource's failure-timeout, with its fail count expired too, is no
// longer listed (Pacemaker's check_operation_expiry); the same CIB gives the same lines with
// the installed crm_mon 2.1.5.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { runCrmMon } from "../../../shell/monitor/index.js";

const fixture = (() => {
  const source = readFileSync("tests/unit/monitor/xml-details.test.ts", "utf8");
  const start = source.indexOf("const cib = `") + "const cib = `".length;
  return source.slice(start, source.indexOf("`;", start));
})();

const webFailure = (lastChange: number): string =>
  fixture
    .replace(
      '<primitive id="web" class="ocf" provider="pacemaker" type="Dummy"/>',
      '<primitive id="web" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="web-meta"><nvpair id="web-ft" name="failure-timeout" value="60"/></meta_attributes></primitive>',
    )
    .replace(
      '<lrm_resource id="db" ',
      `<lrm_resource id="web" class="ocf" provider="pacemaker" type="Dummy">
          <lrm_rsc_op id="web_last_0" operation_key="web_start_0" operation="start" transition-key="3:1:0:x" transition-magic="0:0;3:1:0:x" call-id="4" rc-code="0" op-status="0" interval="0" last-rc-change="${lastChange}"/>
          <lrm_rsc_op id="web_last_failure_0" operation_key="web_monitor_10000" operation="monitor" transition-key="4:1:0:x" transition-magic="0:7;4:1:0:x" call-id="5" rc-code="7" op-status="0" interval="10000" last-rc-change="${lastChange}"/>
        </lrm_resource>
        <lrm_resource id="db" `,
    )
    .replace(
      '<nvpair id="f1" name="fail-count-db#monitor_0" value="1"/>',
      `<nvpair id="f1" name="fail-count-db#monitor_0" value="1"/><nvpair id="f3" name="fail-count-web#monitor_10000" value="1"/><nvpair id="f4" name="last-failure-web#monitor_10000" value="${lastChange}"/>`,
    );

function failedActions(cib: string, now: number): string {
  const outcome = runCrmMon(["-1"], {
    cibFile: "cib.xml",
    readFile: () => ({ ok: true, value: cib }),
    wallClock: () => now,
  });
  return outcome.stdout.slice(outcome.stdout.indexOf("Failed Resource Actions:"));
}

describe("expired failures", () => {
  const failedAt = 1736935000;
  test("are listed until failure-timeout has passed", () => {
    expect(failedActions(webFailure(failedAt), failedAt + 30)).toContain(
      "  * web 10s-interval monitor on node1 returned 'not running' at ",
    );
  });

  test("are no longer listed once it has, with their fail count expired", () => {
    const text = failedActions(webFailure(failedAt), failedAt + 3600);
    expect(text).not.toContain("web 10s-interval monitor");
    expect(text).toContain("  * db probe on node1 returned 'error'");
  });
});
