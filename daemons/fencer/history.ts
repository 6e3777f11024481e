import type { FenceEvent } from "../../backend/protocol/index.js";
import type { HistoryEntry } from "./core-types.js";

/**
 * Which of two results of one operation every member keeps. An operation can end twice when
 * both sides of a partition ran it (each side chose its own executioner); after the merge the
 * members exchange histories, and this order makes them all keep the same one whatever order
 * the entries arrive in: success first, then the earlier completion, then the delegate's name.
 */
export function preferredEvent(left: FenceEvent, right: FenceEvent): FenceEvent {
  if (left.state !== right.state) {
    if (left.state === "success") return left;
    if (right.state === "success") return right;
  }
  const leftMs = left.completedMs ?? Number.MAX_SAFE_INTEGER;
  const rightMs = right.completedMs ?? Number.MAX_SAFE_INTEGER;
  if (leftMs !== rightMs) return leftMs < rightMs ? left : right;
  return JSON.stringify(left) <= JSON.stringify(right) ? left : right;
}

/** Completed operations, oldest first, at most `limit` (the oldest dropped first). */
export class FenceHistory {
  readonly #entries: HistoryEntry[] = [];
  readonly #byOpId = new Map<string, HistoryEntry>();

  constructor(readonly limit: number) {}

  get size(): number {
    return this.#entries.length;
  }

  entries(): HistoryEntry[] {
    return [...this.#entries];
  }

  events(): FenceEvent[] {
    return this.#entries.map((entry) => entry.event);
  }

  /** Adds an entry, or settles a second result of a known operation by `preferredEvent`. */
  record(entry: HistoryEntry): void {
    const known = this.#byOpId.get(entry.opId);
    if (known !== undefined) {
      const kept = preferredEvent(known.event, entry.event);
      if (kept === known.event) return;
      const replacement = { opId: entry.opId, event: kept };
      this.#entries[this.#entries.indexOf(known)] = replacement;
      this.#byOpId.set(entry.opId, replacement);
      return;
    }
    this.#entries.push(entry);
    this.#byOpId.set(entry.opId, entry);
    if (this.#entries.length > this.limit) {
      const dropped = this.#entries.shift();
      if (dropped !== undefined) this.#byOpId.delete(dropped.opId);
    }
  }
}

/** A set that forgets its oldest members past `limit`. */
export class BoundedSet {
  readonly #members = new Set<string>();

  constructor(readonly limit: number) {}

  has(member: string): boolean {
    return this.#members.has(member);
  }

  add(member: string): void {
    if (this.#members.has(member)) return;
    this.#members.add(member);
    if (this.#members.size <= this.limit) return;
    const oldest = this.#members.values().next();
    if (oldest.done !== true) this.#members.delete(oldest.value);
  }

  clear(): void {
    this.#members.clear();
  }
}
