import type { XmlElement } from "../../backend/cib/index.js";
import type { NodeId, RingId } from "../kernel/index.js";
import type { AttributeValue } from "./fail-count.js";
import type { StatusChange } from "./status.js";

/** The resource agent an action runs (lrm_resource's class/provider/type). */
export interface AgentRef {
  readonly className: string;
  readonly provider?: string;
  readonly type: string;
}

/** One operation for a node's executor, as the DC asks for it. */
export interface ExecRequest {
  readonly resource: string;
  readonly agent: AgentRef;
  /** start, stop, monitor, promote, demote, … */
  readonly operation: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly params: Readonly<Record<string, string>>;
  /** The rc the DC expects (7 for a probe, 8 for a promoted monitor, otherwise 0). */
  readonly expectedRc: number;
  /** `<action id>:<transition>:<expected rc>:<DC uuid>`, recorded with the result. */
  readonly transitionKey: string;
}

/** What the executor reports for one run of an operation (OCF exit code and op-status). */
export interface ExecResult {
  readonly rc: number;
  /** Pacemaker's op-status: 0 done, 1 cancelled, 2 timed out, 4 error, 7 not installed. */
  readonly status: number;
  readonly execTimeMs: number;
  readonly exitReason?: string;
}

/** One `lrm_rsc_op` as attributes, in Pacemaker's order. */
export type OpRecord = Readonly<Record<string, string>>;

/** One `lrm_resource` of a node's history. */
export interface ResourceHistory {
  readonly id: string;
  readonly agent: AgentRef;
  readonly ops: readonly OpRecord[];
}

export interface ControllerNode {
  readonly nodeId: NodeId;
  readonly name: string;
}

export interface ControllerConfig {
  readonly nodeId: NodeId;
  /** Every configured node (corosync nodelist), for names and node_state entries. */
  readonly nodes: readonly ControllerNode[];
  /** Controller feature set written into history (crm_feature_set). */
  readonly featureSet: string;
  /** What the DC records as the cluster's dc-version (Pacemaker's "2.1.5-a3f44794f94"). */
  readonly dcVersion: string;
  /** Processors of this node's host: node-action-limit's default is twice as many. */
  readonly cores: number;
}

export type ControllerInput =
  /** The wall clock or the simulation's clock moved (milliseconds since the epoch). */
  | { readonly kind: "tick"; readonly nowMs: number }
  /** The controller process group's members changed in this ring (CPG confchg). */
  | {
      readonly kind: "group_changed";
      readonly ringId: RingId;
      readonly members: readonly NodeId[];
    }
  /** A new membership view was installed: a member may have restarted even when the group's
   * member list looks unchanged (its history is gone), so the DC holds a new join round. */
  | {
      readonly kind: "view_installed";
      readonly ringId: RingId;
      readonly members: readonly NodeId[];
    }
  | { readonly kind: "quorum_changed"; readonly quorate: boolean }
  /** A message of the controller group, in agreed order. */
  | { readonly kind: "delivered"; readonly sender: NodeId; readonly payload: string }
  /** The local CIB replica changed (any write, any sync). */
  | { readonly kind: "cib_changed"; readonly cib: XmlElement }
  /** A requested status write was committed (ok) or refused. */
  | { readonly kind: "cib_updated"; readonly updateId: number; readonly ok: boolean }
  /** The local executor finished a one-shot operation or the first run of a recurring one. */
  | { readonly kind: "executed"; readonly callId: number; readonly result: ExecResult }
  /** A later run of a recurring monitor finished (reported whatever its rc). */
  | {
      readonly kind: "recurring_result";
      readonly resource: string;
      readonly intervalMs: number;
      readonly result: ExecResult;
    }
  /** The fencer finished fencing a node (ok: confirmed down). */
  | { readonly kind: "fenced"; readonly target: string; readonly ok: boolean }
  /** This node is asked to leave cleanly (SIGTERM): move its resources away first. */
  | { readonly kind: "shutdown_requested" };

export type ControllerEffect =
  /** Broadcast on the controller group; with `to`, meant for that member only. */
  | { readonly kind: "send"; readonly payload: string; readonly to?: NodeId }
  /** Apply these changes to the current CIB and write them (status; nodes in configuration). */
  | {
      readonly kind: "cib_update";
      readonly updateId: number;
      readonly changes: readonly StatusChange[];
    }
  /** Run one operation on the local executor; a recurring monitor keeps running. */
  | { readonly kind: "execute"; readonly callId: number; readonly request: ExecRequest }
  /** Stop a recurring monitor of the local executor. */
  | { readonly kind: "cancel_recurring"; readonly resource: string; readonly intervalMs: number }
  /**
   * Set transient attributes of a node through the local attrd, together (one CIB write):
   * a failure's fail count (`value++`) and last failure.
   */
  | {
      readonly kind: "attribute_update";
      readonly node: string;
      readonly values: readonly AttributeValue[];
    }
  /** Delete a node's fail counts and last failures of a resource through attrd (a cleanup). */
  | { readonly kind: "failures_clear"; readonly node: string; readonly resource: string }
  /** Ask the fencer to fence a node. */
  | { readonly kind: "fence"; readonly target: string; readonly action: string }
  /** Every local resource is stopped after a shutdown request: the node may leave now. */
  | { readonly kind: "shutdown_ready" }
  | {
      readonly kind: "log";
      readonly level: "info" | "notice" | "warning";
      readonly message: string;
    };
