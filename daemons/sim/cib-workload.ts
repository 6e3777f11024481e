import {
  cloneNode,
  element,
  ensureChild,
  firstChild,
  type XmlElement,
} from "../../backend/cib/index.js";
import { cibVersion, diffCib, nextVersion, setCibVersion, type Patchset } from "../cib/index.js";
import type { NodeId } from "../kernel/index.js";

/** What a simulated client wrote: a new primitive (configuration) or a node attribute (status). */
export type SimCibWrite =
  | { readonly kind: "configuration"; readonly primitiveId: string }
  | { readonly kind: "status"; readonly nodeStateId: string; readonly attribute: string };

/**
 * The patchset a client on `nodeId` makes for write number `counter` against the CIB it read:
 * a configuration change (epoch + 1) or a status change (num_updates + 1), as cibadmin would.
 */
export function makeSimWrite(
  cib: XmlElement,
  options: { readonly nodeId: NodeId; readonly counter: number; readonly configuration: boolean },
): { readonly write: SimCibWrite; readonly patchset: Patchset } {
  const next = cloneNode(cib);
  const { nodeId, counter } = options;
  let write: SimCibWrite;
  if (options.configuration) {
    const configuration = ensureChild(next, "configuration");
    const resources = ensureChild(configuration, "resources");
    const primitiveId = `r${nodeId}-${counter}`;
    resources.children.push(
      element("primitive", { id: primitiveId, class: "ocf", provider: "pacemaker", type: "Dummy" }),
    );
    write = { kind: "configuration", primitiveId };
  } else {
    const status = ensureChild(next, "status");
    const nodeStateId = String(nodeId);
    let state = status.children.find(
      (child): child is XmlElement =>
        child.kind === "element" &&
        child.name === "node_state" &&
        child.attributes["id"] === nodeStateId,
    );
    if (state === undefined) {
      state = element("node_state", { id: nodeStateId, uname: `node${nodeId}` });
      status.children.push(state);
    }
    const attribute = `write-${counter}`;
    state.attributes[attribute] = "1";
    write = { kind: "status", nodeStateId, attribute };
  }
  setCibVersion(next, nextVersion(cibVersion(cib), options.configuration));
  return { write, patchset: diffCib(cib, next) };
}

/** True when the write's effect is in this CIB. */
export function holdsWrite(cib: XmlElement, write: SimCibWrite): boolean {
  if (write.kind === "configuration") {
    const resources = firstChild(firstChild(cib, "configuration") ?? cib, "resources");
    return (resources?.children ?? []).some(
      (child) => child.kind === "element" && child.attributes["id"] === write.primitiveId,
    );
  }
  const status = firstChild(cib, "status");
  return (status?.children ?? []).some(
    (child) =>
      child.kind === "element" &&
      child.attributes["id"] === write.nodeStateId &&
      child.attributes[write.attribute] === "1",
  );
}
