import type { FenceAction, FenceEvent } from "../../backend/protocol/index.js";
import type { NodeId } from "../kernel/index.js";
import type { FencingConfig } from "./config.js";
import type { DeviceRun } from "./devices.js";
import type { DeviceResult } from "./execution.js";

/** The process group the fencers talk in (Pacemaker's "stonith-ng" CPG group). */
export const fencerGroup = "stonith-ng";

export interface FencerConfig {
  readonly localNodeId: NodeId;
  /** Every node of the cluster, by nodeid and name. */
  readonly nodes: readonly { readonly nodeId: NodeId; readonly name: string }[];
  /** Completed operations kept in the history (oldest dropped first). */
  readonly historyMax: number;
  /** Differs on every start of the node (the host's start time): operation ids stay unique. */
  readonly incarnation: number;
}

export type FencerInput =
  /** A local client (controller, `crm node fence`) asks to fence a node. */
  | {
      readonly kind: "fence_requested";
      readonly requestId: string;
      readonly target: string;
      readonly action: FenceAction;
      readonly client: string;
    }
  /** The CIB's devices, topology or fencing options changed. */
  | { readonly kind: "config_changed"; readonly config: FencingConfig }
  /** The stonith-ng group's members changed (CPG confchg), in agreed order. */
  | {
      readonly kind: "group_changed";
      readonly members: readonly NodeId[];
      readonly joined: readonly NodeId[];
    }
  /** A stonith-ng message in agreed order; `nowMs` is the host's clock (ages target lists). */
  | {
      readonly kind: "delivered";
      readonly sender: NodeId;
      readonly payload: string;
      readonly nowMs: number;
    }
  /** A `run_device` effect ended; `nowMs` is the host's clock at that moment. */
  | {
      readonly kind: "device_finished";
      readonly runId: number;
      readonly result: DeviceResult;
      readonly nowMs: number;
    };

export type FencerEffect =
  | { readonly kind: "broadcast"; readonly payload: string }
  /**
   * Run one agent action of a fence device (through the executor) once `delayMs` passed, then
   * feed `device_finished` with the same `runId`. `target` is absent for list and metadata.
   */
  | {
      readonly kind: "run_device";
      readonly runId: number;
      readonly opId: string;
      readonly target: string | undefined;
      readonly run: DeviceRun;
      readonly delayMs: number;
    }
  /**
   * A run this node no longer waits for (its operation was restarted or handed to a peer):
   * the host drops it if it is still waiting out its delay. A run already started ends alone.
   */
  | { readonly kind: "cancel_run"; readonly runId: number }
  /** A local request ended (success or failure). */
  | { readonly kind: "reply"; readonly requestId: string; readonly event: FenceEvent }
  /** An operation ended somewhere in the cluster (every member sees it, in agreed order). */
  | { readonly kind: "fenced"; readonly event: FenceEvent }
  | { readonly kind: "warn"; readonly message: string };

/** One operation in the history, with the id the fencers know it by. */
export interface HistoryEntry {
  readonly opId: string;
  readonly event: FenceEvent;
}
