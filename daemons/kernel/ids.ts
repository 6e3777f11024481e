/** A node's id as corosync's `nodeid`: a non-zero 32-bit integer. */
export type NodeId = number;

/** A ring (membership view) id as Totem prints it: representative nodeid and a growing sequence. */
export interface RingId {
  readonly representative: NodeId;
  readonly seq: number;
}

export function isNodeId(value: unknown): value is NodeId {
  return typeof value === "number" && Number.isInteger(value) && value > 0 && value <= 0xffffffff;
}

/** `1.d`, as corosync-quorumtool prints a ring id (hex representative and hex sequence). */
export function ringIdText(ringId: RingId): string {
  return `${ringId.representative.toString(16)}.${ringId.seq.toString(16)}`;
}

export function ringIdEquals(left: RingId | undefined, right: RingId | undefined): boolean {
  if (left === undefined || right === undefined) return left === right;
  return left.representative === right.representative && left.seq === right.seq;
}

/** Orders ring ids by sequence, then by representative. */
export function compareRingIds(left: RingId, right: RingId): number {
  return left.seq - right.seq || left.representative - right.representative;
}

/** Sorted, duplicate-free copy of node ids. */
export function sortedNodeIds(nodeIds: Iterable<NodeId>): NodeId[] {
  return [...new Set(nodeIds)].sort((left, right) => left - right);
}

export function sameNodeIds(left: readonly NodeId[], right: readonly NodeId[]): boolean {
  return left.length === right.length && left.every((nodeId, index) => nodeId === right[index]);
}
