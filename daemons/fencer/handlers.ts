import type { ClientHandlers } from "../node/index.js";
import { refusal } from "../node/index.js";
import type { FenceApi } from "./host.js";

/** The fencing requests of the client channel (crm node fence, crm_mon's fencing history). */
export function addFencingHandlers(handlers: ClientHandlers, fencer: FenceApi): void {
  handlers.set("fence_requested", async (request, identity) => {
    if (!identity.unrestricted) {
      const message = `User "${identity.user}" may not fence nodes`;
      return refusal(request.id, "permission_denied", message);
    }
    const client = `crm.${identity.user}`;
    const event = await fencer.request(request.target, request.action, { client });
    return { kind: "fence_result", id: request.id, event };
  });
  handlers.set("fence_history_requested", (request) => ({
    kind: "fence_history",
    id: request.id,
    events: fencer.history(request.target),
  }));
}
