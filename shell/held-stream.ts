/**
 * A terminal stream whose writes can be held back: while an editor or pager has the terminal,
 * the REPL screen's late frames would be drawn over it. Held writes are kept in order and
 * written when released, onto the screen the program restored (as less and vim do).
 */
export interface HeldStream {
  readonly stream: NodeJS.WriteStream;
  hold(): void;
  release(): void;
}

export function holdableStream(target: NodeJS.WriteStream): HeldStream {
  let held: unknown[][] | undefined;
  const write = (...args: unknown[]): boolean => {
    if (held === undefined) return (target.write as (...given: unknown[]) => boolean)(...args);
    held.push(args);
    return true;
  };
  const stream = new Proxy(target, {
    get(object, property) {
      if (property === "write") return write;
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === "function"
        ? (value as (...given: unknown[]) => unknown).bind(object)
        : value;
    },
  });
  return {
    stream,
    hold: () => {
      held ??= [];
    },
    release: () => {
      const writes = held ?? [];
      held = undefined;
      for (const args of writes) write(...args);
    },
  };
}
