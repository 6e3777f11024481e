import type { NodeId } from "../kernel/index.js";

/** The process group the attribute managers talk in (Pacemaker's "attrd" CPG group). */
export const attrdGroup = "attrd";

export interface AttrdNode {
  readonly nodeId: NodeId;
  readonly name: string;
}

export interface AttrdConfig {
  readonly localNodeId: NodeId;
  /** Every node of the cluster (corosync.conf's nodelist): attributes name nodes by name. */
  readonly nodes: readonly AttrdNode[];
  readonly tickMs: number;
  /** A local update not delivered back within this many ticks is answered as failed. */
  readonly requestTimeoutTicks: number;
  /** After a refused CIB write, the writer tries again this many ticks later. */
  readonly writeRetryTicks: number;
  /** Most attributes held (names × nodes); further new ones are refused. */
  readonly valuesMax: number;
}

/** Defaults for a node daemon ticking every `tickMs`. */
export function attrdConfig(
  localNodeId: NodeId,
  nodes: readonly AttrdNode[],
  tickMs: number,
): AttrdConfig {
  return {
    localNodeId,
    nodes,
    tickMs,
    requestTimeoutTicks: Math.ceil(10_000 / tickMs),
    writeRetryTicks: Math.ceil(200 / tickMs),
    valuesMax: 100_000,
  };
}

/** One attribute value of one node, as written to (or deleted from) the status section. */
export interface AttributeWriteValue {
  readonly node: string;
  readonly nodeId: NodeId;
  readonly name: string;
  /** null: delete the nvpair. */
  readonly value: string | null;
}

/** One attribute of a node set (or, with null, deleted). */
export interface AttributeChange {
  readonly name: string;
  readonly value: string | null;
}

export type AttrdInput =
  | { readonly kind: "tick" }
  /** A local client (controller, crm_attribute, the shell) sets or deletes a transient value. */
  | {
      readonly kind: "update_requested";
      readonly requestId: string;
      readonly node: string;
      readonly name: string;
      readonly value: string | null;
      readonly dampenMs?: number;
    }
  /**
   * Several values of one node set together (written to the CIB in one write), as the
   * controller records a failure: `fail-count-…` (`value++` expands against the value held)
   * and `last-failure-…`.
   */
  | {
      readonly kind: "updates_requested";
      readonly requestId: string;
      readonly node: string;
      readonly values: readonly AttributeChange[];
    }
  /** Every fail-count-RSC… and last-failure-RSC… of a node deleted (a cleanup, an expiry). */
  | {
      readonly kind: "failures_clear_requested";
      readonly requestId: string;
      readonly node: string;
      readonly resource: string;
    }
  /** The attrd group's members changed (CPG confchg), in agreed order. */
  | {
      readonly kind: "group_changed";
      readonly members: readonly NodeId[];
      readonly joined: readonly NodeId[];
      readonly left: readonly NodeId[];
    }
  /** A message of the attrd group, in agreed order. */
  | { readonly kind: "delivered"; readonly sender: NodeId; readonly payload: string }
  /** The host finished a `write` effect; `ok` false when the CIB refused it. */
  | { readonly kind: "write_completed"; readonly writeId: number; readonly ok: boolean };

export type AttrdReply = { readonly ok: true } | { readonly ok: false; readonly message: string };

export type AttrdEffect =
  | { readonly kind: "broadcast"; readonly payload: string }
  | { readonly kind: "reply"; readonly requestId: string; readonly reply: AttrdReply }
  /** Writer only: set or delete these values in the status section, then `write_completed`. */
  | {
      readonly kind: "write";
      readonly writeId: number;
      readonly values: readonly AttributeWriteValue[];
    }
  /** Writer only: delete every transient attribute of a node that left. */
  | {
      readonly kind: "clear_node";
      readonly writeId: number;
      readonly node: string;
      readonly nodeId: NodeId;
    }
  /** A value changed in this node's memory (every member sees the same sequence). */
  | {
      readonly kind: "changed";
      readonly node: string;
      readonly name: string;
      readonly value: string | null;
    }
  | { readonly kind: "warn"; readonly message: string };
