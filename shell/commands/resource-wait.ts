import type { XmlElement } from "../../backend/cib/index.js";
import { readXml } from "../../backend/cib/index.js";
import { runTool } from "../../backend/pacemaker/index.js";
import { preferencesOf } from "./preferences.js";
import type { CibSession, CommandContext } from "./types.js";
import { pendingActions, waitingText, waitTimeoutMs } from "./wait-progress.js";

/** How a wait ended. */
export type WaitEnd =
  | { readonly kind: "settled" }
  | { readonly kind: "timed_out"; readonly pending: number | undefined }
  | { readonly kind: "interrupted" }
  | { readonly kind: "lost"; readonly reason: string };

/** Where a wait hears the cluster's CIB: its text now, and a call on every change. */
export interface SettleSource {
  query(): Promise<string>;
  /** Starts hearing changes; the promise settles once the subscription stands. */
  subscribe(onChange: () => void): Promise<void>;
  /** Calls `listener` if the link to the cluster drops. */
  onLost(listener: (reason: string) => void): void;
  close(): void;
}

export interface SettleOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  /** Each count of pending actions, as it changes. */
  readonly onProgress?: (pending: number | undefined) => void;
  /** Epoch seconds for the scheduler's time-based rules. */
  readonly nowSeconds: () => number;
  /**
   * What the CIB must show before it is judged (a change that reaches the CIB later, as
   * attrd's writes do); until then the wait goes on with nothing counted.
   */
  readonly reached?: ((cib: XmlElement) => boolean) | undefined;
  /** `reached` alone ends the wait, whatever else the cluster still has to do. */
  readonly reachedIsEnough?: boolean | undefined;
}

/**
 * Waits until the scheduler finds nothing left to do for the cluster's CIB. The CIB is read
 * again on each change the cluster pushes (one read at a time; changes pushed during a read
 * cause one more), never on a timer; only the deadline is a timer.
 */
export function waitUntilSettled(source: SettleSource, options: SettleOptions): Promise<WaitEnd> {
  return new Promise<WaitEnd>((resolve) => {
    let ended = false;
    let last: number | undefined;
    const end = (result: WaitEnd): void => {
      if (ended) return;
      ended = true;
      clearTimeout(deadline);
      options.signal?.removeEventListener("abort", onAbort);
      source.close();
      resolve(result);
    };
    const onAbort = (): void => end({ kind: "interrupted" });
    const deadline = setTimeout(() => end({ kind: "timed_out", pending: last }), options.timeoutMs);
    if (options.signal?.aborted === true) return end({ kind: "interrupted" });
    options.signal?.addEventListener("abort", onAbort, { once: true });
    source.onLost((reason) => end({ kind: "lost", reason }));
    const check = coalesced(
      async () => {
        const parsed = readXml(await source.query());
        const reached =
          options.reached === undefined || (parsed.ok && options.reached(parsed.value));
        const pending =
          parsed.ok && reached ? pendingActions(parsed.value, options.nowSeconds()) : undefined;
        if (ended) return;
        if (pending !== last) options.onProgress?.(pending);
        last = pending;
        if (pending === 0 || (reached && options.reachedIsEnough === true))
          end({ kind: "settled" });
      },
      (error) => end({ kind: "lost", reason: error.message }),
    );
    source
      .subscribe(check)
      .then(check, (error: unknown) =>
        end({ kind: "lost", reason: error instanceof Error ? error.message : String(error) }),
      );
  });
}

/** One run at a time; calls made meanwhile cause exactly one more run after it. */
function coalesced(run: () => Promise<void>, onError: (error: Error) => void): () => void {
  let running = false;
  let again = false;
  const start = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    run()
      .catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          start();
        }
      });
  };
  return start;
}

/** The live cluster (CRM_CLUSTER) as a settle source: one connection, its CIB pushes. */
async function clusterSource(context: CommandContext): Promise<SettleSource> {
  const client = await import("../../backend/client/index.js");
  const target = client.resolveClusterTarget(context.environment);
  const connection = await client.ClientConnection.open(target.url, target);
  let closing = false;
  return {
    query: async () => (await client.queryCib(connection)).xml,
    subscribe: async (onChange) => {
      await client.subscribeCib(connection, () => onChange());
    },
    onLost: (listener) =>
      connection.onClosed(() => {
        if (!closing) listener("the node closed the connection");
      }),
    close: () => {
      closing = true;
      connection.close();
    },
  };
}

/**
 * crmsh's `-w`: after a change, wait until the cluster has carried it out. On quorated, until
 * the scheduler finds no action left for the CIB the cluster pushes; on Pacemaker,
 * `crm_resource --wait`. A CIB file has nobody to carry anything out: nothing to wait for.
 * A terminal shows the pending actions on one line, redrawn in place and cleared at the end.
 */
export async function waitForCluster(
  context: CommandContext,
  session: CibSession,
  options: { readonly reached?: (cib: XmlElement) => boolean } = {},
): Promise<boolean> {
  const wanted = context.options.wait || preferencesOf(context).wait();
  if (!wanted || session.changed) return true;
  if (session.kind === "pacemaker") {
    return waitPacemaker(context, waitTimeoutMs(context.environment));
  }
  if (session.kind !== "live") return true;
  return waitLive(context, { reached: options.reached });
}

/**
 * Waits on the live cluster's pushed CIB until the scheduler finds nothing to do (or, with
 * `reachedIsEnough`, until `reached` holds), with the progress line; reports a timeout or a
 * lost link as an error.
 */
export async function waitLive(
  context: CommandContext,
  options: {
    readonly reached?: ((cib: XmlElement) => boolean) | undefined;
    readonly reachedIsEnough?: boolean;
  },
): Promise<boolean> {
  const timeoutMs = waitTimeoutMs(context.environment);
  let source: SettleSource;
  try {
    source = await clusterSource(context);
  } catch (error) {
    context.output.error(`Cannot wait for the cluster: ${(error as Error).message}`);
    return false;
  }
  context.output.status?.(waitingText(undefined));
  const ended = await waitUntilSettled(source, {
    timeoutMs,
    signal: context.signal,
    onProgress: (pending) => context.output.status?.(waitingText(pending)),
    nowSeconds: () => Math.floor(Date.now() / 1000),
    reached: options.reached,
    reachedIsEnough: options.reachedIsEnough,
  });
  context.output.status?.(undefined);
  return reportWaitEnd(context, ended, timeoutMs);
}

function reportWaitEnd(context: CommandContext, ended: WaitEnd, timeoutMs: number): boolean {
  switch (ended.kind) {
    case "settled":
    case "interrupted": // the shell says "interrupted"
      return ended.kind === "settled";
    case "timed_out": {
      const left = ended.pending === undefined ? "" : ` (${ended.pending} actions still pending)`;
      context.output.error(
        `The cluster did not carry the change out within ${timeoutMs / 1000} s${left}`,
      );
      return false;
    }
    case "lost":
      context.output.error(`Lost the cluster while waiting: ${ended.reason}`);
      return false;
  }
}

async function waitPacemaker(context: CommandContext, timeoutMs: number): Promise<boolean> {
  const timeout = `${timeoutMs / 1000}s`;
  const options = { environment: context.environment, timeoutMs: timeoutMs + 10_000 };
  context.output.status?.(waitingText(undefined));
  const run = await runTool("crm_resource", ["--wait", "--timeout", timeout], options);
  context.output.status?.(undefined);
  if (run.exitCode === 0) return true;
  context.output.error(`The cluster did not settle: ${run.stderr.trim().split("\n").pop() ?? ""}`);
  return false;
}
