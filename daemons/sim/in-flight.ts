/** A min-heap of in-flight messages ordered by (deliverAtTick, sequence): order is seed-only. */
export interface InFlight<Message> {
  readonly deliverAtTick: number;
  readonly sequence: number;
  readonly from: number;
  readonly to: number;
  readonly message: Message;
}

function before<Message>(left: InFlight<Message>, right: InFlight<Message>): boolean {
  return (
    left.deliverAtTick < right.deliverAtTick ||
    (left.deliverAtTick === right.deliverAtTick && left.sequence < right.sequence)
  );
}

export class InFlightQueue<Message> {
  readonly #heap: InFlight<Message>[] = [];

  get size(): number {
    return this.#heap.length;
  }

  push(entry: InFlight<Message>): void {
    const heap = this.#heap;
    heap.push(entry);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentEntry = heap[parent];
      if (parentEntry === undefined || !before(entry, parentEntry)) break;
      heap[index] = parentEntry;
      heap[parent] = entry;
      index = parent;
    }
  }

  /** Removes and returns the first entry due at or before `tick`. */
  popDue(tick: number): InFlight<Message> | undefined {
    const heap = this.#heap;
    const first = heap[0];
    if (first === undefined || first.deliverAtTick > tick) return undefined;
    const last = heap.pop();
    if (last !== undefined && heap.length > 0) {
      heap[0] = last;
      this.#siftDown(last);
    }
    return first;
  }

  #siftDown(entry: InFlight<Message>): void {
    const heap = this.#heap;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      let smallestEntry = entry;
      const leftEntry = heap[left];
      const rightEntry = heap[right];
      if (leftEntry !== undefined && before(leftEntry, smallestEntry)) {
        smallest = left;
        smallestEntry = leftEntry;
      }
      if (rightEntry !== undefined && before(rightEntry, smallestEntry)) {
        smallest = right;
        smallestEntry = rightEntry;
      }
      if (smallest === index) return;
      heap[smallest] = entry;
      heap[index] = smallestEntry;
      index = smallest;
    }
  }
}
