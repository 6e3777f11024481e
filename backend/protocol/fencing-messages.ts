/** Client requests to the fencer (what stonith_admin does) and its history. */

/** Fencing actions a client may ask for (stonith_admin --off, --reboot, --on). */
export const fenceActions = ["off", "reboot", "on"] as const;
export type FenceAction = (typeof fenceActions)[number];

export const fenceStates = ["pending", "success", "failed"] as const;
export type FenceState = (typeof fenceStates)[number];

/** One fencing operation as every fencer records it (crm_mon's fence_event). */
export interface FenceEvent {
  readonly target: string;
  readonly action: FenceAction;
  readonly state: FenceState;
  /** Node that asked for it. */
  readonly origin: string;
  /** Who asked: a tool name or daemon (e.g. "crm", "controller"). */
  readonly client: string;
  /** Node that ran the device, once one did. */
  readonly delegate?: string;
  /** The device (stonith primitive id) whose success completed the operation. */
  readonly device?: string;
  /** Milliseconds since the epoch at completion. */
  readonly completedMs?: number;
  /** Why it failed, in words. */
  readonly reason?: string;
}

export type FenceRequest =
  | {
      readonly kind: "fence_requested";
      readonly id: number;
      readonly target: string;
      readonly action: FenceAction;
    }
  /** The recorded operations, newest last; of one target when given. */
  | { readonly kind: "fence_history_requested"; readonly id: number; readonly target?: string };

export type FenceServerMessage =
  /** The operation ended (state success or failed). */
  | { readonly kind: "fence_result"; readonly id: number; readonly event: FenceEvent }
  | {
      readonly kind: "fence_history";
      readonly id: number;
      readonly events: readonly FenceEvent[];
    };
