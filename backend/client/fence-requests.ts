import type { FenceAction, FenceEvent } from "../protocol/index.js";
import { ClientError } from "./client-error.js";
import { ClientConnection } from "./connection.js";
import type { ClientTarget } from "./target.js";

/** How long a client waits for a fencing operation to end (devices may take minutes). */
export const fenceReplyTimeoutMsDefault = 180_000;

/**
 * stonith_admin --reboot|--off|--on NODE: asks the cluster's fencer and resolves with the
 * recorded operation once it ended (its state says whether it succeeded).
 */
export async function requestFence(
  target: ClientTarget,
  request: { readonly node: string; readonly action: FenceAction; readonly timeoutMs?: number },
): Promise<FenceEvent> {
  const timeoutMs = request.timeoutMs ?? fenceReplyTimeoutMsDefault;
  const connection = await ClientConnection.open(target.url, { token: target.token, timeoutMs });
  try {
    const reply = await connection.request({
      kind: "fence_requested",
      target: request.node,
      action: request.action,
    });
    if (reply.kind !== "fence_result") {
      throw new ClientError("bad_reply", `Unexpected ${reply.kind} reply to fence_requested`);
    }
    return reply.event;
  } finally {
    connection.close();
  }
}
