/** A programmer error: never caught by cores; a daemon exits, a sim run fails its seed. */
export class BugError extends Error {
  override readonly name = "BugError";
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new BugError(`Assertion failed: ${message}`);
}

export function unreachable(value: never, message = "unreachable"): never {
  throw new BugError(`${message}: ${JSON.stringify(value)}`);
}
