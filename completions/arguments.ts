/**
 * What the arguments of level commands are, by `level command` (crmsh's completers): ids of
 * some kinds, levels, command names. Positions past the table repeat its last entry when the
 * command takes several (`delete ID...`).
 */
import type { IdKind } from "./context.js";
import { idKinds, resourceKinds } from "./context.js";

export type ArgumentSlot =
  | { readonly kind: "ids"; readonly idKinds: readonly IdKind[] }
  | { readonly kind: "object_filters" }
  | { readonly kind: "levels" }
  | { readonly kind: "commands" }
  | { readonly kind: "words"; readonly words: readonly string[] };

export interface ArgumentShape {
  readonly slots: readonly ArgumentSlot[];
  /** The last slot repeats. */
  readonly repeats: boolean;
}

const anyId: ArgumentSlot = { kind: "ids", idKinds };
const resources: ArgumentSlot = { kind: "ids", idKinds: resourceKinds };
const nodes: ArgumentSlot = { kind: "ids", idKinds: ["node"] };
const many = (slot: ArgumentSlot): ArgumentShape => ({ slots: [slot], repeats: true });
const one = (...slots: ArgumentSlot[]): ArgumentShape => ({ slots, repeats: false });

const commonShapes: Readonly<Record<string, ArgumentShape>> = {
  cd: one({ kind: "levels" }),
  help: one({ kind: "commands" }),
};

const levelShapes: Readonly<Record<string, Readonly<Record<string, ArgumentShape>>>> = {
  configure: {
    show: many({ kind: "object_filters" }),
    delete: many(anyId),
    edit: many(anyId),
    rename: one(anyId),
    filter: one({ kind: "words", words: ["cat", "sed"] }),
    modgroup: one(
      { kind: "ids", idKinds: ["group"] },
      { kind: "words", words: ["add", "remove"] },
      { kind: "ids", idKinds: ["primitive"] },
    ),
    default_timeouts: many(anyId),
  },
  resource: {
    start: many(resources),
    stop: many(resources),
    restart: many(resources),
    status: one(resources),
    cleanup: one(resources, nodes),
    refresh: one(resources, nodes),
    manage: many(resources),
    unmanage: many(resources),
    maintenance: one(resources, { kind: "words", words: ["on", "off"] }),
    promote: one(resources),
    demote: one(resources),
    migrate: one(resources, nodes),
    move: one(resources, nodes),
    ban: one(resources, nodes),
    unmigrate: one(resources),
    unmove: one(resources),
    clear: one(resources),
    locate: one(resources),
    failcount: one(resources, { kind: "words", words: ["set", "delete", "show"] }, nodes),
    param: one(resources, { kind: "words", words: ["set", "delete", "show"] }),
    meta: one(resources, { kind: "words", words: ["set", "delete", "show"] }),
    utilization: one(resources, { kind: "words", words: ["set", "delete", "show"] }),
    scores: one(resources),
    operations: one(resources, nodes),
    trace: one(resources),
    untrace: one(resources),
  },
  node: {
    standby: one(nodes, { kind: "words", words: ["reboot", "forever"] }),
    online: many(nodes),
    maintenance: one(nodes),
    ready: one(nodes),
    show: one(nodes),
    status: one(nodes),
    attribute: one(nodes, { kind: "words", words: ["set", "delete", "show"] }),
    "status-attr": one(nodes, { kind: "words", words: ["set", "delete", "show"] }),
    utilization: one(nodes, { kind: "words", words: ["set", "delete", "show"] }),
    clearstate: one(nodes),
    delete: one(nodes),
    fence: one(nodes),
  },
};

/** The argument at `position` (0-based) of `command` in `level`, if the table knows it. */
export function argumentSlot(
  level: string,
  command: string,
  position: number,
): ArgumentSlot | undefined {
  const shape = levelShapes[level]?.[command] ?? commonShapes[command];
  if (shape === undefined) return undefined;
  const last = shape.slots.length - 1;
  if (position > last && !shape.repeats) return undefined;
  return shape.slots[Math.min(position, last)];
}
