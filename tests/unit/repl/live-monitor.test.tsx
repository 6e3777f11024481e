import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { plainPalette } from "../../../shell/components/palette.js";
import { MonitorStore, monitorEvents, statusFacts } from "../../../shell/monitor-live/index.js";
import { LiveMonitor, expandTabs } from "../../../shell/monitor-live/LiveMonitor.js";
import { parseMonitorArguments } from "../../../shell/monitor/index.js";
import { renderToString } from "../../../shell/ui.js";

const monitorText = `Cluster Summary:
  * 2 nodes configured

Node List:
  * Node node3: standby
  * Online: [ node1 node2 ]

Active Resources:
  * web\t(ocf:pacemaker:Dummy):\t Started node1
  * Clone Set: cl-ping [pingd]:
    * Started: [ node1 node2 ]
`;

describe("live crm_mon events", () => {
  test("statusFacts() reads nodes, resources and clone instances from crm_mon's text", () => {
    const facts = statusFacts(monitorText);
    expect([...facts.nodes]).toEqual([
      ["node3", "standby"],
      ["node1", "Online"],
      ["node2", "Online"],
    ]);
    expect(facts.resources.get("web")).toBe("Started node1");
    expect(facts.resources.get("cl-ping on node2")).toBe("Started");
  });

  test("monitorEvents() reports what changed between two renderings", () => {
    const after = monitorText
      .replace("Started node1", "FAILED node1")
      .replace("Online: [ node1 node2 ]", "Online: [ node1 ]\n  * OFFLINE: [ node2 ]");
    const events = monitorEvents(statusFacts(monitorText), statusFacts(after), 100);
    expect(events.map((event) => event.text)).toEqual([
      "Node node2: Online → OFFLINE",
      "Resource web: Started node1 → FAILED node1",
    ]);
    expect(events[0]?.severity).toBe("bad");
  });
});

const cibXml = (() => {
  const source = readFileSync("tests/unit/monitor/crm-mon.test.ts", "utf8");
  const start = source.indexOf("const cib = `") + "const cib = `".length;
  return source.slice(start, source.indexOf("`;", start));
})();

describe("MonitorStore", () => {
  const options = parseMonitorArguments([]);
  if (!options.ok) throw new Error("options");
  const store = (): MonitorStore =>
    new MonitorStore({
      monitor: options.value,
      rows: 30,
      columns: 100,
      clock: () => 1_700_000_000,
      request: "crm_mon",
    });

  test("renders each snapshot with crm_mon -1's layout; r toggles inactive resources", () => {
    const monitor = store();
    monitor.feed({ kind: "connected" });
    monitor.feed({ kind: "snapshot", xml: cibXml });
    expect(monitor.view().text).toContain("Active Resources:");
    expect(monitor.view().text).not.toContain("batch");
    monitor.toggle("inactive");
    expect(monitor.view().text).toContain("Full List of Resources:");
    expect(monitor.view().text).toMatch(/batch\t\(ocf:pacemaker:Dummy\):\t Stopped \(disabled\)/);
  });

  test("a change between snapshots becomes a recent event; a lost link is shown", () => {
    const monitor = store();
    monitor.feed({ kind: "snapshot", xml: cibXml });
    monitor.feed({
      kind: "snapshot",
      xml: cibXml
        .replace('crmd="online"', 'crmd="offline"')
        .replace('in_ccm="true"', 'in_ccm="false"'),
    });
    expect(monitor.view().events.map((event) => event.text)).toContain(
      "Node node1: Online → OFFLINE",
    );
    monitor.feed({ kind: "lost", reason: "the node closed the connection" });
    const frame = renderToString(<LiveMonitor view={monitor.view()} palette={plainPalette} />, {
      columns: 100,
    });
    expect(frame).toContain("Connection lost: the node closed the connection; reconnecting…");
    expect(frame).toContain("Recent events:");
  });
});

test("expandTabs() puts tab stops every 8 columns", () => {
  expect(expandTabs("  * web\t(x):\t Started")).toBe("  * web (x):     Started");
});
