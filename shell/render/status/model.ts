/**
 * What the status renderer reads: the parts of the scheduler's unpacked cluster model
 * (`ClusterModel` of daemons/scheduler) that crm_mon's layout shows. Declared here as a
 * structural subset so the renderer stays a pure function of the unpacked model and can be
 * fed by crm_simulate, crm_mon and `crm status` alike.
 */
export type StatusRole = "Unknown" | "Stopped" | "Started" | "Unpromoted" | "Promoted";

export interface StatusNode {
  readonly name: string;
  readonly type: string;
  readonly online: boolean;
  readonly unclean: boolean;
  readonly pending: boolean;
  readonly standby: boolean;
  readonly standbyOnFail: boolean;
  readonly maintenance: boolean;
  /**
   * The status section has no node_state for it: Pacemaker never reads its standby and
   * maintenance attributes then.
   */
  readonly unseen?: boolean;
}

interface StatusResourceCommon {
  readonly id: string;
  readonly meta: ReadonlyMap<string, string>;
}

export interface StatusOperation {
  readonly task: string;
  readonly intervalMs: number;
  readonly rc: number;
  readonly status: number;
  readonly node: string;
  /** The result the transition expected (from the transition key), when known. */
  readonly expectedRc?: number;
  /** Epoch seconds of the last result change, when recorded. */
  readonly lastRcChange?: number | undefined;
}

export interface StatusPrimitive extends StatusResourceCommon {
  readonly kind: "primitive";
  readonly className: string;
  readonly provider: string | undefined;
  readonly type: string;
  readonly baseId: string;
  readonly role: StatusRole;
  /** Nodes the resource is active on, in the order the history was read. */
  readonly activeOn: ReadonlyMap<string, StatusRole>;
  readonly failed: boolean;
  readonly managed: boolean;
  readonly blocked: boolean;
  readonly orphan: boolean;
  readonly onFailByNode: ReadonlyMap<string, string>;
  /** A failure was found whose on-fail is `ignore` (shown as "failure ignored"). */
  readonly failureIgnored?: boolean;
  /** Configured operations, to find the on-fail of a failed one. */
  readonly operations?: readonly {
    readonly name: string;
    readonly intervalMs: number;
    readonly onFail: string | undefined;
  }[];
  readonly history: readonly StatusOperation[];
}

export interface StatusGroup extends StatusResourceCommon {
  readonly kind: "group";
  readonly children: readonly StatusResource[];
}

export interface StatusClone extends StatusResourceCommon {
  readonly kind: "clone";
  readonly promotable: boolean;
  readonly globallyUnique: boolean;
  readonly cloneMax: number;
  /** The configured child element's id (shown in `Clone Set: id [child]`). */
  readonly template: { readonly attributes: Readonly<Record<string, string>> };
  readonly instances: readonly StatusResource[];
}

export type StatusResource = StatusPrimitive | StatusGroup | StatusClone;

export interface StatusModel {
  readonly options: {
    readonly symmetricCluster: boolean;
    readonly maintenanceMode: boolean;
  };
  /** Epoch seconds of "now" (the CIB's execution-date), when known. */
  readonly now?: number | undefined;
  /** Nodes sorted by name (natural order). */
  readonly nodes: readonly StatusNode[];
  /** Top-level resources in configuration order. */
  readonly resources: readonly StatusResource[];
}
