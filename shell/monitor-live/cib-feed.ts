/**
 * Where the live crm_mon hears about CIB changes: a watched CIB file (CIB_file), or the
 * cluster's change notifications (CRM_CLUSTER), with reconnection when the link drops. No
 * polling: a file is re-read when its folder reports it replaced or written, and the cluster
 * is queried again when it pushes a change.
 */
import { readFile } from "node:fs/promises";
import { watch } from "node:fs";
import { basename, dirname } from "node:path";
import type { ClientConnection } from "../../backend/client/index.js";
import type { QuorumStatus } from "../../backend/protocol/index.js";

export type FeedEvent =
  /** The CIB's text; from a live cluster with the membership, which crm_mon joins to it. */
  | { readonly kind: "snapshot"; readonly xml: string; readonly quorum?: QuorumStatus }
  | { readonly kind: "connected" }
  | { readonly kind: "lost"; readonly reason: string };

export interface CibFeed {
  stop(): void;
}

/** A write is often a rename and a change event: one read after both. */
const settleMs = 15;
const reconnectMs = 1000;

/** Watches a CIB file (its folder, as writers replace the file by renaming). */
export function watchCibFile(path: string, onEvent: (event: FeedEvent) => void): CibFeed {
  let pending: NodeJS.Timeout | undefined;
  let missing = false;
  const read = async (): Promise<void> => {
    try {
      const xml = await readFile(path, "utf8");
      if (missing) onEvent({ kind: "connected" });
      missing = false;
      onEvent({ kind: "snapshot", xml });
    } catch (error) {
      missing = true;
      const code = (error as NodeJS.ErrnoException).code;
      onEvent({
        kind: "lost",
        reason: code === "ENOENT" ? `${path}: no such file` : String(error),
      });
    }
  };
  const watcher = watch(dirname(path), (_event, file) => {
    if (file !== null && file !== basename(path)) return;
    if (pending !== undefined) clearTimeout(pending);
    pending = setTimeout(() => void read(), settleMs);
  });
  onEvent({ kind: "connected" });
  void read();
  return {
    stop: () => {
      if (pending !== undefined) clearTimeout(pending);
      watcher.close();
    },
  };
}

/**
 * Subscribes to the live cluster's CIB and membership; reconnects (to any live node) when the
 * link drops. A CIB change is queried; a membership change (a node leaving or joining, with no
 * CIB change) redraws the last CIB with the pushed membership at once.
 */
export function subscribeClusterCib(
  environment: Readonly<Record<string, string | undefined>>,
  onEvent: (event: FeedEvent) => void,
): CibFeed {
  let stopped = false;
  let connection: ClientConnection | undefined;
  let retry: NodeJS.Timeout | undefined;
  const lost = (reason: string): void => {
    connection = undefined;
    if (stopped) return;
    onEvent({ kind: "lost", reason });
    retry = setTimeout(() => void connect(), reconnectMs);
  };
  const connect = async (): Promise<void> => {
    const client = await import("../../backend/client/index.js");
    try {
      const target = client.resolveClusterTarget(environment);
      const opened = await client.ClientConnection.open(target.url, { token: target.token });
      connection = opened;
      opened.onClosed(() => lost("the node closed the connection"));
      const latest = new LatestSnapshot(onEvent);
      const query = queryCoalesced(async () => {
        const snapshot = await client.queryCib(opened);
        const quorum = await client.fetchQuorumStatus(target).catch(() => undefined);
        return latest.queried(snapshot.xml, quorum);
      }, onEvent);
      await client.subscribeQuorum(opened, (status) => latest.membershipChanged(status));
      await client.subscribeCib(opened, query);
      onEvent({ kind: "connected" });
      query();
    } catch (error) {
      connection?.close();
      lost(error instanceof Error ? error.message : String(error));
    }
  };
  void connect();
  return {
    stop: () => {
      stopped = true;
      if (retry !== undefined) clearTimeout(retry);
      connection?.close();
    },
  };
}

/** A membership from a later ring than `known` (the same ring: the later answer wins). */
function isNewer(candidate: QuorumStatus, known: QuorumStatus | undefined): boolean {
  return known === undefined || candidate.ringId.sequence >= known.ringId.sequence;
}

/**
 * The last CIB text and membership seen on one connection: a pushed membership redraws the
 * last CIB, and a query's answer keeps whichever membership is from the later ring.
 */
class LatestSnapshot {
  #xml: string | undefined;
  #quorum: QuorumStatus | undefined;

  constructor(private readonly onEvent: (event: FeedEvent) => void) {}

  queried(
    xml: string,
    quorum: QuorumStatus | undefined,
  ): { readonly xml: string; readonly quorum?: QuorumStatus } {
    this.#xml = xml;
    if (quorum !== undefined && isNewer(quorum, this.#quorum)) this.#quorum = quorum;
    return this.#quorum === undefined ? { xml } : { xml, quorum: this.#quorum };
  }

  membershipChanged(quorum: QuorumStatus): void {
    if (!isNewer(quorum, this.#quorum)) return;
    this.#quorum = quorum;
    if (this.#xml !== undefined) this.onEvent({ kind: "snapshot", xml: this.#xml, quorum });
  }
}

/** One query at a time; changes pushed meanwhile cause one more query after it. */
function queryCoalesced(
  query: () => Promise<{ readonly xml: string; readonly quorum?: QuorumStatus }>,
  onEvent: (event: FeedEvent) => void,
): () => void {
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    query()
      .then(
        (snapshot) =>
          onEvent({
            kind: "snapshot",
            xml: snapshot.xml,
            ...(snapshot.quorum === undefined ? {} : { quorum: snapshot.quorum }),
          }),
        () => undefined, // a failed query means a closed connection: onClosed reports it
      )
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  return run;
}
