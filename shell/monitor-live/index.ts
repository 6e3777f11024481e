/**
 * The live crm_mon: a full-screen view (the terminal's alternate screen) redrawn on every CIB
 * change, with crm_mon -1's layout, colored states, recent events and keys (r, f, A, q).
 * Loaded only when crm_mon runs on a terminal without -1.
 */
import { parseMonitorArguments } from "../monitor/index.js";
import { colorEnabled, createPalette } from "../components/palette.js";
import type { CibFeed } from "./cib-feed.js";
import { subscribeClusterCib, watchCibFile } from "./cib-feed.js";
import type { MonitorToggle } from "./monitor-store.js";
import { MonitorStore } from "./monitor-store.js";

export { MonitorStore } from "./monitor-store.js";
export { statusFacts, monitorEvents } from "./events.js";

type Environment = Readonly<Record<string, string | undefined>>;

const keyToggles: Readonly<Record<string, MonitorToggle>> = {
  r: "inactive",
  f: "failCounts",
  A: "nodeAttributes",
};

/** Runs the live view until `q` or Ctrl-C; returns the exit code. */
export async function runLiveMonitor(
  args: readonly string[],
  environment: Environment,
): Promise<number> {
  const parsed = parseMonitorArguments(args);
  if (!parsed.ok) {
    process.stderr.write(`crm_mon: ${parsed.issues.map((item) => item.message).join("\n")}\n`);
    return 64;
  }
  const file = environment["CIB_file"];
  const cluster = environment["CRM_CLUSTER"];
  if ((file === undefined || file === "") && (cluster === undefined || cluster === "")) {
    process.stderr.write("crm_mon: set CIB_file=FILE or CRM_CLUSTER=DIR|ws://HOST:PORT\n");
    return 69;
  }
  const palette = createPalette(colorEnabled({ environment, isTerminal: true }));
  const store = new MonitorStore({
    monitor: parsed.value,
    rows: process.stdout.rows || 24,
    columns: process.stdout.columns || 80,
    clock: () => Math.floor(Date.now() / 1000),
    request: ["crm_mon", ...args].join(" "),
  });
  const feedEvents = (event: Parameters<MonitorStore["feed"]>[0]): void => store.feed(event);
  const feed: CibFeed =
    file !== undefined && file !== ""
      ? watchCibFile(file, feedEvents)
      : subscribeClusterCib(environment, feedEvents);
  return showFullScreen(store, palette, feed);
}

async function showFullScreen(
  store: MonitorStore,
  palette: ReturnType<typeof createPalette>,
  feed: CibFeed,
): Promise<number> {
  const [{ render }, { createElement }, { LiveMonitorApp }] = await Promise.all([
    import("../ui.js"),
    import("react"),
    import("./LiveMonitor.js"),
  ]);
  process.stdout.write("\x1b[?1049h\x1b[H");
  const instance = render(createElement(LiveMonitorApp, { source: store, palette }), {
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const onResize = (): void =>
    store.resize(process.stdout.rows || 24, process.stdout.columns || 80);
  process.stdout.on("resize", onResize);
  await new Promise<void>((resolve) => {
    process.stdin.setRawMode(true);
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk: string) => {
      for (const key of chunk) {
        if (key === "q" || key === "\x03" || key === "\x04") resolve();
        const toggle = keyToggles[key];
        if (toggle !== undefined) store.toggle(toggle);
      }
    });
    process.stdin.resume();
  });
  feed.stop();
  process.stdout.off("resize", onResize);
  instance.unmount();
  instance.cleanup();
  process.stdin.setRawMode(false);
  process.stdin.pause();
  process.stdout.write("\x1b[?1049l");
  return 0;
}
