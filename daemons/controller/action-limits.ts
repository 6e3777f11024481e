/**
 * How many actions a transition may have in flight, as Pacemaker's transition engine limits
 * them: `batch-limit` cluster-wide (0, the default: no fixed limit; Pacemaker then throttles on
 * the nodes' load, which quorate does not measure) and `node-action-limit` per node (0, the
 * default: twice the cores, counted on the DC's host). Only what an executor runs counts:
 * pseudo actions, fencing and the DC's own history edits are never held back.
 */
import type { GraphAction } from "../scheduler/index.js";

export interface ActionLimits {
  /** Actions in flight in the whole cluster; Infinity: no limit. */
  readonly batch: number;
  /** Actions in flight on one node. */
  readonly perNode: number;
}

/** A whole number ≥ 0 from a cluster option, or undefined when it is not one. */
function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return undefined;
  return Number(text);
}

/** The limits the cluster options set, for a DC whose host has `cores` processors. */
export function actionLimits(options: ReadonlyMap<string, string>, cores: number): ActionLimits {
  const batch = wholeNumber(options.get("batch-limit")) ?? 0;
  const perNode = wholeNumber(options.get("node-action-limit")) ?? 0;
  return {
    batch: batch > 0 ? batch : Infinity,
    perNode: perNode > 0 ? perNode : Math.max(1, 2 * cores),
  };
}

/** True when the action runs on a node's executor (and so counts against the limits). */
export function isExecutorAction(action: GraphAction): boolean {
  if (action.pseudo || action.resource === undefined || action.node === undefined) return false;
  return !["stonith", "clear_failcount", "lrm_delete"].includes(action.task);
}

/** Counts the in-flight executor actions, and says whether one more may start. */
export class InFlight {
  #total = 0;
  readonly #perNode = new Map<string, number>();

  constructor(readonly limits: ActionLimits) {}

  admits(action: GraphAction): boolean {
    if (!isExecutorAction(action)) return true;
    if (this.#total >= this.limits.batch) return false;
    return (this.#perNode.get(action.node ?? "") ?? 0) < this.limits.perNode;
  }

  started(action: GraphAction): void {
    if (!isExecutorAction(action)) return;
    this.#total += 1;
    const node = action.node ?? "";
    this.#perNode.set(node, (this.#perNode.get(node) ?? 0) + 1);
  }

  ended(action: GraphAction): void {
    if (!isExecutorAction(action)) return;
    this.#total -= 1;
    const node = action.node ?? "";
    this.#perNode.set(node, (this.#perNode.get(node) ?? 0) - 1);
  }

  get total(): number {
    return this.#total;
  }
}
