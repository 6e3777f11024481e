/**
 * Recent events for the live crm_mon: what changed between two renderings of the status
 * (nodes joining or leaving, resources changing state, new failed actions). Pure: it reads
 * the text crm_mon prints, so it sees exactly what a person sees change.
 */

export interface MonitorEvent {
  /** Seconds since the epoch, when the change was seen. */
  readonly at: number;
  readonly text: string;
  readonly severity: "normal" | "bad";
}

/** What the events compare: states by key (a node, a resource, a clone's role). */
export interface StatusFacts {
  readonly nodes: ReadonlyMap<string, string>;
  readonly resources: ReadonlyMap<string, string>;
  readonly failures: ReadonlySet<string>;
}

const resourceLine = /^\s*\* (\S+)\t\(([^)]*)\):\t\s*(.*)$/;
const setLine =
  /^\s*\* (Started|Stopped|Promoted|Unpromoted|Slaves|Masters|Online|OFFLINE|Stopped \(disabled\)): \[ (.*) \]$/;
const nodeLine = /^\s*\* Node (\S+): (.*)$/;
const cloneHeader = /^\s*\* Clone Set: (\S+)/;

function section(line: string): string | undefined {
  if (/^(Node List|Active Resources|Full List of Resources|Inactive Resources):$/.test(line)) {
    return line.startsWith("Node") ? "nodes" : "resources";
  }
  if (line === "Failed Resource Actions:") return "failures";
  if (/^\S.*:$/.test(line)) return "other";
  return undefined;
}

/** Reads the facts out of crm_mon's text. */
export function statusFacts(text: string): StatusFacts {
  const nodes = new Map<string, string>();
  const resources = new Map<string, string>();
  const failures = new Set<string>();
  let current = "other";
  let clone = "";
  for (const line of text.split("\n")) {
    current = section(line) ?? current;
    const set = setLine.exec(line);
    if (current === "nodes") {
      if (set !== null) for (const node of (set[2] ?? "").split(" ")) nodes.set(node, set[1] ?? "");
      const named = nodeLine.exec(line);
      if (named !== null) nodes.set(named[1] ?? "", named[2]?.replace(/:$/, "") ?? "");
    } else if (current === "resources") {
      clone = cloneHeader.exec(line)?.[1] ?? clone;
      const resource = resourceLine.exec(line);
      if (resource !== null) resources.set(resource[1] ?? "", resource[3] ?? "");
      if (set !== null) {
        for (const node of (set[2] ?? "").split(" "))
          resources.set(`${clone} on ${node}`, set[1] ?? "");
      }
    } else if (current === "failures" && line.trim().startsWith("* ")) {
      failures.add(line.trim().slice(2));
    }
  }
  return { nodes, resources, failures };
}

const badStates = /FAILED|OFFLINE|UNCLEAN|Stopped|blocked/i;

function changes(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  noun: string,
  at: number,
): MonitorEvent[] {
  const events: MonitorEvent[] = [];
  for (const [key, state] of after) {
    const previous = before.get(key);
    if (previous === state) continue;
    const text =
      previous === undefined
        ? `${noun} ${key}: ${state}`
        : `${noun} ${key}: ${previous} → ${state}`;
    events.push({ at, text, severity: badStates.test(state) ? "bad" : "normal" });
  }
  for (const key of before.keys()) {
    if (!after.has(key)) events.push({ at, text: `${noun} ${key}: gone`, severity: "normal" });
  }
  return events;
}

/** The events between two renderings (none for the first one). */
export function monitorEvents(before: StatusFacts, after: StatusFacts, at: number): MonitorEvent[] {
  const failed = [...after.failures]
    .filter((failure) => !before.failures.has(failure))
    .map((failure) => ({ at, text: `Failed: ${failure}`, severity: "bad" as const }));
  return [
    ...changes(before.nodes, after.nodes, "Node", at),
    ...changes(before.resources, after.resources, "Resource", at),
    ...failed,
  ];
}

/** How many events the view keeps. */
export const recentEventsMax = 6;

export function keepRecent(
  events: readonly MonitorEvent[],
  added: readonly MonitorEvent[],
): MonitorEvent[] {
  return [...events, ...added].slice(-recentEventsMax);
}
