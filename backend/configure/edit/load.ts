import type { Result } from "../../base/index.js";
import { fail, ok } from "../../base/index.js";
import type { XmlElement } from "../../cib/index.js";
import { childElements, cloneNode, ensureChild } from "../../cib/index.js";
import { noConfiguration } from "./delete.js";
import { eraseConfiguration } from "./erase.js";
import type { EditCode, EditResult } from "./result.js";

/**
 * crmsh's `load` modes: `update` replaces objects whose id exists (wholesale, not merged) and
 * adds new ones; `replace` first removes everything but the nodes; `push` makes the input the
 * whole configuration, nodes included.
 */
export type LoadMode = "update" | "replace" | "push";

/** The CIB to load into: for `replace` and `push`, the configuration is cleared first. */
export function prepareLoad(cib: XmlElement, mode: LoadMode): Result<EditResult, EditCode> {
  if (mode === "update") return ok({ cib: cloneNode(cib), notes: [] });
  return eraseConfiguration(cib, { nodes: mode === "push" });
}

/** `load xml MODE FILE`: merges the configuration of another CIB document. */
export function loadConfigurationXml(
  cib: XmlElement,
  incoming: XmlElement,
  mode: LoadMode,
): Result<EditResult, EditCode> {
  const source = childElements(incoming, "configuration")[0];
  if (source === undefined) return fail([noConfiguration()]);
  const prepared = prepareLoad(cib, mode);
  if (!prepared.ok) return prepared;
  const copy = prepared.value.cib;
  const configuration = childElements(copy, "configuration")[0];
  if (configuration === undefined) return fail([noConfiguration()]);
  for (const section of childElements(source)) {
    mergeSection(ensureChild(configuration, section.name), section);
  }
  return ok({ cib: copy, notes: [] });
}

function mergeSection(target: XmlElement, source: XmlElement): void {
  for (const child of source.children) {
    const incoming = cloneNode(child);
    const id = incoming.kind === "element" ? incoming.attributes["id"] : undefined;
    const index =
      id === undefined
        ? -1
        : target.children.findIndex(
            (existing) => existing.kind === "element" && existing.attributes["id"] === id,
          );
    if (index >= 0) target.children.splice(index, 1, incoming);
    else if (incoming.kind !== "text") target.children.push(incoming);
  }
  if (target.children.length === 0 && source.children.length === 0) return;
  target.attributes = { ...source.attributes, ...target.attributes };
}
