/**
 * The transition graph as crm_simulate consumes it: synapses in id order, each one action
 * with the ids of the actions it waits for. Mirrors Pacemaker's graph XML (`rsc_op`,
 * `pseudo_event`, `crm_event`) so it can be written with -G and executed with -S.
 */
export type GraphActionKind = "rsc_op" | "pseudo_event" | "crm_event";

export interface GraphResource {
  readonly id: string;
  readonly longId: string | undefined;
  readonly className: string;
  readonly provider: string | undefined;
  readonly type: string;
}

export interface GraphAction {
  readonly id: number;
  readonly kind: GraphActionKind;
  /** The task (`start`, `monitor`, `stonith`, `running`…). */
  readonly operation: string;
  readonly operationKey: string;
  readonly node: string | undefined;
  readonly nodeUuid: string | undefined;
  readonly resource: GraphResource | undefined;
  /** Resource parameters and `CRM_meta_*` entries, as in the graph's `<attributes>`. */
  readonly attributes: ReadonlyMap<string, string>;
}

export interface GraphSynapse {
  readonly id: number;
  readonly priority: number;
  readonly action: GraphAction;
  /** Ids of the actions that must complete first. */
  readonly inputs: readonly number[];
}

export interface TransitionGraph {
  /** Attributes of `<transition_graph>` in order (cluster-delay, stonith-timeout…). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly synapses: readonly GraphSynapse[];
}

export function metaValue(action: GraphAction, name: string): string | undefined {
  return action.attributes.get(`CRM_meta_${name}`);
}

export function intervalOf(action: GraphAction): number {
  const interval = Number.parseInt(metaValue(action, "interval") ?? "0", 10);
  return Number.isNaN(interval) ? 0 : interval;
}
