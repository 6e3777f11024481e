import type { QuorumStatus } from "../protocol/index.js";
import { ClientError } from "./client-error.js";
import type { ClientConnection } from "./connection.js";

/**
 * Calls `onStatus` with the membership and quorum after every change the node learns of (a
 * node leaving or joining, quorum gained or lost), on an open connection; returns the function
 * that stops hearing them. The node keeps pushing until the connection closes.
 */
export async function subscribeQuorum(
  connection: ClientConnection,
  onStatus: (status: QuorumStatus) => void,
): Promise<() => void> {
  const stop = connection.onPushed((message) => {
    if (message.kind === "quorum_changed") onStatus(message.status);
  });
  try {
    const reply = await connection.request({ kind: "quorum_subscribe_requested" });
    if (reply.kind !== "subscribed")
      throw new ClientError("bad_reply", `Unexpected ${reply.kind} reply to quorum_subscribe`);
  } catch (error) {
    stop();
    throw error;
  }
  return stop;
}
