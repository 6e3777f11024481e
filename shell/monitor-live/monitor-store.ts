/**
 * The live crm_mon's state: the last CIB, the toggles (r, f, A), recent events and the
 * connection. Each CIB snapshot is rendered with the one-shot renderer, so the live view has
 * exactly crm_mon -1's layout. No I/O: the host feeds snapshots, keys and the clock.
 */
import type { XmlElement } from "../../backend/cib/index.js";
import { readXml } from "../../backend/cib/index.js";
import type { MonitorOptions } from "../monitor/index.js";
import { liveClusterCib, renderMonitor } from "../monitor/index.js";
import type { MonitorEvent, StatusFacts } from "./events.js";
import { keepRecent, monitorEvents, statusFacts } from "./events.js";
import type { FeedEvent } from "./cib-feed.js";
import type { ConnectionState, MonitorView } from "./LiveMonitor.js";

export type MonitorToggle = "inactive" | "failCounts" | "nodeAttributes";

export class MonitorStore {
  #options: MonitorOptions;
  #cib: XmlElement | undefined;
  #text = "Waiting for the CIB…\n";
  #facts: StatusFacts | undefined;
  #events: MonitorEvent[] = [];
  #connection: ConnectionState = { kind: "connecting" };
  #rows: number;
  #columns: number;
  #view: MonitorView | undefined;
  readonly #listeners = new Set<() => void>();
  readonly #clock: () => number;
  readonly #request: string;

  constructor(options: {
    readonly monitor: MonitorOptions;
    readonly rows: number;
    readonly columns: number;
    readonly clock: () => number;
    readonly request: string;
  }) {
    this.#options = options.monitor;
    this.#rows = options.rows;
    this.#columns = options.columns;
    this.#clock = options.clock;
    this.#request = options.request;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly view = (): MonitorView => {
    this.#view ??= {
      text: this.#text,
      events: this.#events,
      connection: this.#connection,
      inactive: this.#options.inactive,
      failCounts: this.#options.failCounts,
      nodeAttributes: this.#options.nodeAttributes,
      rows: this.#rows,
      columns: this.#columns,
    };
    return this.#view;
  };

  #changed(): void {
    this.#view = undefined;
    for (const listener of this.#listeners) listener();
  }

  feed(event: FeedEvent): void {
    if (event.kind === "snapshot") {
      const parsed = readXml(event.xml);
      if (parsed.ok) {
        this.#cib =
          event.quorum === undefined ? parsed.value : liveClusterCib(parsed.value, event.quorum);
        this.#render(true);
      } else this.#text = `Cannot read the CIB: ${parsed.issues[0]?.message ?? ""}\n`;
    } else
      this.#connection =
        event.kind === "connected" ? event : { kind: "lost", reason: event.reason };
    this.#changed();
  }

  toggle(name: MonitorToggle): void {
    this.#options = { ...this.#options, [name]: !this.#options[name] };
    this.#render(false);
    this.#changed();
  }

  resize(rows: number, columns: number): void {
    this.#rows = rows;
    this.#columns = columns;
    this.#changed();
  }

  #render(recordEvents: boolean): void {
    if (this.#cib === undefined) return;
    const now = this.#clock();
    const outcome = renderMonitor(this.#cib, this.#options, now, this.#request);
    this.#text = outcome.exitCode === 0 ? outcome.stdout : outcome.stderr;
    const facts = statusFacts(this.#text);
    if (recordEvents && this.#facts !== undefined) {
      this.#events = keepRecent(this.#events, monitorEvents(this.#facts, facts, now));
    }
    this.#facts = facts;
  }
}
