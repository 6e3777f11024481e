/** Local requests to attrd: what they set, how they travel, how they show in a sync. */
import type { AttrdInput, AttributeChange } from "./core-types.js";
import { expandValue, failureAttributeMatcher } from "./values.js";
import type { AttrdMessage, SyncedValue } from "./wire.js";

export type UpdateRequested = Extract<
  AttrdInput,
  { kind: "update_requested" | "updates_requested" | "failures_clear_requested" }
>;

/** A local update broadcast and not yet delivered back. */
export interface PendingUpdate {
  readonly node: string;
  readonly values: readonly AttributeChange[];
  /** A clear-failures request: the resource whose failure attributes go. */
  readonly clearFailuresOf?: string;
  readonly expiryTick: number;
}

export function requestedValues(input: UpdateRequested): readonly AttributeChange[] {
  switch (input.kind) {
    case "update_requested":
      return [{ name: input.name, value: input.value }];
    case "updates_requested":
      return input.values;
    case "failures_clear_requested":
      return [];
  }
}

export function requestMessage(input: UpdateRequested): AttrdMessage {
  const { node, requestId } = input;
  switch (input.kind) {
    case "update_requested":
      return {
        kind: "update",
        node,
        name: input.name,
        value: input.value,
        requestId,
        ...(input.dampenMs === undefined ? {} : { dampenMs: input.dampenMs }),
      };
    case "updates_requested":
      return { kind: "updates", node, values: input.values, requestId };
    case "failures_clear_requested":
      return { kind: "clear_failures", node, resource: input.resource, requestId };
  }
}

/** A pending update as it will apply once delivered (before the sync its node sends). */
export function overlayPending(
  held: Map<string, SyncedValue | null>,
  pending: PendingUpdate,
  dampenMsOf: (name: string) => number,
): void {
  const { node } = pending;
  if (pending.clearFailuresOf !== undefined) {
    const matches = failureAttributeMatcher(pending.clearFailuresOf);
    for (const [key, entry] of held)
      if (entry?.node === node && matches(entry.name)) held.set(key, null);
  }
  for (const { name, value } of pending.values) {
    const key = `${node}\u0000${name}`;
    const expanded = value === null ? null : expandValue(value, held.get(key)?.value);
    held.set(
      key,
      expanded === null ? null : { node, name, value: expanded, dampenMs: dampenMsOf(name) },
    );
  }
}
