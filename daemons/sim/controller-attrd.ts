/**
 * attrd in the controller simulation: one Attrd core per node in the attrd group, the
 * controller's failure attributes and cleanups sent to it, its writer's writes made as CIB
 * patchsets on the node's replica (refused while the replica syncs, like the host's writes).
 */
import { cloneNode, nodesEqual, type XmlElement } from "../../backend/cib/index.js";
import {
  Attrd,
  applyTransientValues,
  attrdConfig,
  clearTransientValues,
  type AttrdEffect,
  type AttrdInput,
} from "../attrd/index.js";
import { cibVersion, diffCib, nextVersion, setCibVersion, type Patchset } from "../cib/index.js";
import type { ControllerEffect } from "../controller/index.js";
import type { NodeId } from "../kernel/index.js";

type AttrdWrite = Extract<AttrdEffect, { kind: "write" | "clear_node" }>;

/** The patchset of an attrd write on this CIB (undefined: it changes nothing). */
export function attrdPatchset(cib: XmlElement, write: AttrdWrite): Patchset | undefined {
  const next = cloneNode(cib);
  if (write.kind === "write") applyTransientValues(next, write.values);
  else clearTransientValues(next, write.nodeId);
  if (nodesEqual(cib, next)) return undefined;
  setCibVersion(next, nextVersion(cibVersion(cib), false));
  return diffCib(cib, next);
}

export interface SimAttrdPorts {
  readonly broadcast: (payload: string) => void;
  /** Writes a patchset of the writer; `done` is called with the CIB's answer. */
  readonly write: (write: AttrdWrite, done: (ok: boolean) => void) => void;
}

/** One node's attrd: inputs raised while its effects are performed queue behind them. */
export class SimAttrd {
  readonly core: Attrd;
  readonly #inputs: AttrdInput[] = [];
  #requestCounter = 0;

  constructor(
    nodeId: NodeId,
    nodes: readonly { readonly nodeId: NodeId; readonly name: string }[],
    options: { readonly tickMs: number; readonly ports: SimAttrdPorts },
  ) {
    this.core = new Attrd(attrdConfig(nodeId, nodes, options.tickMs));
    this.ports = options.ports;
  }

  readonly ports: SimAttrdPorts;

  feed(input: AttrdInput): void {
    this.#inputs.push(input);
    if (this.#inputs.length > 1) return;
    while (this.#inputs.length > 0) {
      const next = this.#inputs[0];
      if (next === undefined) break;
      this.core.step(next);
      for (const effect of this.core.drain()) this.#perform(effect);
      this.#inputs.shift();
    }
  }

  /** What the controller asks of attrd (a failure's attributes, a cleanup). */
  controllerEffect(
    effect: Extract<ControllerEffect, { kind: "attribute_update" | "failures_clear" }>,
  ): void {
    this.#requestCounter += 1;
    const requestId = `crmd-${this.#requestCounter}`;
    if (effect.kind === "attribute_update")
      this.feed({ kind: "updates_requested", requestId, node: effect.node, values: effect.values });
    else
      this.feed({
        kind: "failures_clear_requested",
        requestId,
        node: effect.node,
        resource: effect.resource,
      });
  }

  #perform(effect: AttrdEffect): void {
    switch (effect.kind) {
      case "broadcast":
        return this.ports.broadcast(effect.payload);
      case "write":
      case "clear_node":
        return this.ports.write(effect, (ok) =>
          this.feed({ kind: "write_completed", writeId: effect.writeId, ok }),
        );
      case "reply":
      case "changed":
      case "warn":
        return;
    }
  }
}
