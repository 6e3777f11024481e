import { emptyCib } from "../../../backend/cib/index.js";
import type { XmlElement } from "../../../backend/cib/index.js";
import {
  Attrd,
  applyTransientValues,
  attrdConfig,
  clearTransientValues,
  transientValuesOf,
} from "../../../daemons/attrd/index.js";
import type { AttrdEffect, AttrdInput } from "../../../daemons/attrd/index.js";

export const tickMs = 100;

/** Cores of attrd over a perfect agreed-order group, writing into one shared CIB. */
export class AttrdGroup {
  readonly cores = new Map<number, Attrd>();
  readonly effects: { nodeId: number; effect: AttrdEffect }[] = [];
  readonly queue: { sender: number; payload: string }[] = [];
  readonly cib: XmlElement;
  members: number[] = [];
  /** When false the CIB refuses writes (no quorum). */
  cibAccepts = true;

  constructor(readonly nodeIds: readonly number[]) {
    this.cib = emptyCib();
    const nodes = nodeIds.map((nodeId) => ({ nodeId, name: `node${nodeId}` }));
    for (const nodeId of nodeIds)
      this.cores.set(nodeId, new Attrd(attrdConfig(nodeId, nodes, tickMs)));
  }

  core(nodeId: number): Attrd {
    const core = this.cores.get(nodeId);
    if (core === undefined) throw new Error(`no core ${nodeId}`);
    return core;
  }

  step(nodeId: number, input: AttrdInput): void {
    const core = this.core(nodeId);
    core.step(input);
    for (const effect of core.drain()) this.#perform(nodeId, effect);
  }

  /** Installs a group membership on every member (CPG confchg). */
  changeGroup(members: number[]): void {
    const joined = members.filter((nodeId) => !this.members.includes(nodeId));
    const left = this.members.filter((nodeId) => !members.includes(nodeId));
    this.members = members;
    for (const nodeId of members)
      this.step(nodeId, { kind: "group_changed", members, joined, left });
  }

  /** A member crashed: it gets nothing more and the others see it leave. */
  crash(nodeId: number): void {
    const nodes = this.nodeIds.map((id) => ({ nodeId: id, name: `node${id}` }));
    this.cores.set(nodeId, new Attrd(attrdConfig(nodeId, nodes, tickMs)));
    this.queue.splice(
      0,
      this.queue.length,
      ...this.queue.filter((entry) => entry.sender !== nodeId),
    );
    this.changeGroup(this.members.filter((member) => member !== nodeId));
  }

  update(
    nodeId: number,
    requestId: string,
    fields: { node: string; name: string; value: string | null; dampenMs?: number },
  ): void {
    this.step(nodeId, { kind: "update_requested", requestId, ...fields });
  }

  /** Delivers every queued broadcast to every member, in one order, until none is left. */
  deliver(): void {
    for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
      for (const member of this.members) this.step(member, { kind: "delivered", ...next });
    }
  }

  ticks(count: number): void {
    for (let index = 0; index < count; index += 1) {
      for (const member of this.members) this.step(member, { kind: "tick" });
      this.deliver();
    }
  }

  written(): string[] {
    return transientValuesOf(this.cib).map((entry) => `${entry.node} ${entry.name}=${entry.value}`);
  }

  effectsOf(kind: AttrdEffect["kind"], nodeId?: number): AttrdEffect[] {
    return this.effects
      .filter(
        (entry) => entry.effect.kind === kind && (nodeId === undefined || entry.nodeId === nodeId),
      )
      .map((entry) => entry.effect);
  }

  #perform(nodeId: number, effect: AttrdEffect): void {
    this.effects.push({ nodeId, effect });
    switch (effect.kind) {
      case "broadcast":
        if (this.members.includes(nodeId))
          this.queue.push({ sender: nodeId, payload: effect.payload });
        return;
      case "write":
        if (this.cibAccepts) applyTransientValues(this.cib, effect.values);
        this.step(nodeId, {
          kind: "write_completed",
          writeId: effect.writeId,
          ok: this.cibAccepts,
        });
        return;
      case "clear_node":
        if (this.cibAccepts) clearTransientValues(this.cib, effect.nodeId);
        this.step(nodeId, {
          kind: "write_completed",
          writeId: effect.writeId,
          ok: this.cibAccepts,
        });
        return;
      default:
        return;
    }
  }
}
