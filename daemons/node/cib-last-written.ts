/**
 * Who changed the configuration last, and when: as Pacemaker's CIB manager, a write that
 * changes the configuration (its epoch moves) also sets `cib-last-written`, `update-origin`
 * (the node that took the write) and `update-user` on the `<cib>` element, which crm_mon
 * shows as "Last change: TIME by USER on NODE". The stamp travels in the patchset, so every
 * replica holds the same CIB.
 */
import { ctimeText } from "../../backend/base/index.js";
import { element, type XmlElement } from "../../backend/cib/index.js";
import type { AttributeChange, Patchset } from "../cib/index.js";

export interface LastWritten {
  /** Wall clock, ms since the epoch. */
  readonly nowMs: number;
  readonly origin: string;
  readonly user: string;
}

/** `Sat Nov 21 23:29:46 2026` in this host's time zone, as Pacemaker writes it. */
export function lastWrittenText(nowMs: number): string {
  const date = new Date(nowMs);
  return ctimeText({
    weekday: date.getDay(),
    month: date.getMonth(),
    day: date.getDate(),
    hours: date.getHours(),
    minutes: date.getMinutes(),
    seconds: date.getSeconds(),
    year: date.getFullYear(),
  });
}

function changesConfiguration(patchset: Patchset): boolean {
  const { source, target } = patchset;
  return source.adminEpoch !== target.adminEpoch || source.epoch !== target.epoch;
}

/** The patchset with the stamp added when it changes the configuration. */
export function withLastWritten(
  before: XmlElement,
  patchset: Patchset,
  stamp: LastWritten,
): Patchset {
  if (!changesConfiguration(patchset)) return patchset;
  const values: Record<string, string> = {
    "cib-last-written": lastWrittenText(stamp.nowMs),
    "update-origin": stamp.origin,
    "update-user": stamp.user,
  };
  const attributes: AttributeChange[] = Object.entries(values).map(([name, value]) => ({
    name,
    operation: "set",
    value,
  }));
  // A client name left by another tool (cibadmin) would no longer be the writer's.
  const stale = "update-client" in before.attributes;
  if (stale) attributes.push({ name: "update-client", operation: "unset" });
  const { "update-client": _client, ...kept } = before.attributes;
  const result = element("cib", { ...kept, ...values });
  return {
    ...patchset,
    changes: [...patchset.changes, { kind: "modify", path: "/cib", attributes, result }],
  };
}
