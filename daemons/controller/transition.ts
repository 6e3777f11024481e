/**
 * One transition: the scheduler's graph being carried out. An action is ready once every
 * action ordered before it is done; pseudo actions complete as soon as they are ready. After
 * an abort (an unexpected result, a membership change) nothing new starts; the transition
 * ends when what was running has reported.
 */
import { assert } from "../../backend/base/index.js";
import {
  parseDurationMs,
  primitivesOf,
  type ClusterModel,
  type GraphAction,
  type PrimitiveModel,
  type TransitionGraph,
} from "../scheduler/index.js";
import { InFlight, type ActionLimits } from "./action-limits.js";
import type { ExecRequest } from "./core-types.js";

type ActionPhase = "pending" | "running" | "done" | "failed";

const defaultTimeoutMs = 20_000;

export class Transition {
  readonly #phase = new Map<number, ActionPhase>();
  readonly #inputs = new Map<number, number[]>();
  readonly #inFlight: InFlight;
  #aborted = false;

  constructor(
    readonly id: number,
    readonly graph: TransitionGraph,
    readonly model: ClusterModel,
    limits: ActionLimits = { batch: Infinity, perNode: Infinity },
  ) {
    this.#inFlight = new InFlight(limits);
    for (const action of graph.actions) this.#phase.set(action.id, "pending");
    for (const edge of graph.edges) {
      this.#inputs.set(edge.after, [...(this.#inputs.get(edge.after) ?? []), edge.before]);
    }
  }

  get aborted(): boolean {
    return this.#aborted;
  }

  abort(): void {
    this.#aborted = true;
  }

  /** True when nothing runs and nothing more will start. */
  get finished(): boolean {
    const phases = [...this.#phase.values()];
    if (phases.includes("running")) return false;
    return this.#aborted || phases.every((phase) => phase === "done");
  }

  /** True when every action completed as expected. */
  get succeeded(): boolean {
    return !this.#aborted && [...this.#phase.values()].every((phase) => phase === "done");
  }

  isRunning(actionId: number): boolean {
    return this.#phase.get(actionId) === "running";
  }

  /**
   * Marks and returns the actions whose inputs are all done (none after an abort), as many as
   * the action limits admit; the others wait for a running one to complete.
   */
  takeReady(): GraphAction[] {
    if (this.#aborted) return [];
    const ready: GraphAction[] = [];
    for (const action of this.graph.actions) {
      if (this.#phase.get(action.id) !== "pending") continue;
      const inputs = this.#inputs.get(action.id) ?? [];
      if (!inputs.every((input) => this.#phase.get(input) === "done")) continue;
      if (!this.#inFlight.admits(action)) continue;
      this.#phase.set(action.id, "running");
      this.#inFlight.started(action);
      ready.push(action);
    }
    return ready;
  }

  /** Executor actions running now (what the limits count). */
  get inFlight(): number {
    return this.#inFlight.total;
  }

  complete(actionId: number, expected: boolean): void {
    assert(this.#phase.get(actionId) === "running", `action ${actionId} runs before it completes`);
    const action = this.graph.actions[actionId];
    if (action !== undefined) this.#inFlight.ended(action);
    this.#phase.set(actionId, expected ? "done" : "failed");
    if (!expected) this.#aborted = true;
  }

  /** Actions still running on a node (lost when the node leaves). */
  runningOn(node: string): GraphAction[] {
    return this.graph.actions.filter((action) => this.isRunning(action.id) && action.node === node);
  }

  action(actionId: number): GraphAction | undefined {
    return this.graph.actions[actionId];
  }
}

/** The primitive an action's resource id names (a clone instance id included). */
export function findPrimitive(model: ClusterModel, id: string): PrimitiveModel | undefined {
  const direct = model.resourceById.get(id);
  if (direct?.kind === "primitive") return direct;
  for (const resource of model.resources) {
    const found = primitivesOf(resource).find((primitive) => primitive.id === id);
    if (found !== undefined) return found;
  }
  return undefined;
}

function expectedRc(action: GraphAction, primitive: PrimitiveModel): number {
  const target = action.meta["target_rc"];
  if (target !== undefined) return Number(target);
  if (action.task !== "monitor" || action.intervalMs === 0) return 0;
  const op = primitive.operations.find(
    (entry) => entry.name === "monitor" && entry.intervalMs === action.intervalMs,
  );
  return op?.role === "Promoted" ? 8 : 0;
}

function timeoutMs(action: GraphAction, primitive: PrimitiveModel, model: ClusterModel): number {
  const name = action.task === "monitor" && action.intervalMs === 0 ? "monitor" : action.task;
  const op =
    primitive.operations.find(
      (entry) => entry.name === name && entry.intervalMs === action.intervalMs,
    ) ?? primitive.operations.find((entry) => entry.name === name);
  return parseDurationMs(op?.timeout ?? model.opDefaults.get("timeout")) ?? defaultTimeoutMs;
}

/**
 * The id the executor runs and the history records: an anonymous clone's instances are one
 * resource on every node (`st`, not `st:2`), as Pacemaker records them.
 */
function executorResourceId(primitive: PrimitiveModel): string {
  let parent = primitive.parent;
  while (parent !== undefined && parent.kind !== "clone") parent = parent.parent;
  return parent?.kind === "clone" && !parent.globallyUnique ? primitive.baseId : primitive.id;
}

/** What the node's executor runs for a resource action of the graph. */
export function execRequest(
  action: GraphAction,
  transition: Transition,
  dcUuid: string,
): ExecRequest | undefined {
  if (action.resource === undefined) return undefined;
  const primitive = findPrimitive(transition.model, action.resource);
  if (primitive === undefined) return undefined;
  const rc = expectedRc(action, primitive);
  return {
    resource: executorResourceId(primitive),
    agent: {
      className: primitive.className,
      type: primitive.type,
      ...(primitive.provider === undefined ? {} : { provider: primitive.provider }),
    },
    operation: action.task,
    intervalMs: action.intervalMs,
    timeoutMs: timeoutMs(action, primitive, transition.model),
    params: Object.fromEntries(primitive.instance),
    expectedRc: rc,
    transitionKey: `${action.id}:${transition.id}:${rc}:${dcUuid}`,
  };
}
