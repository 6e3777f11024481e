import type { Result } from "../../base/index.js";
import { fail, ok } from "../../base/index.js";
import type { XmlElement } from "../../cib/index.js";
import { childElements, cloneNode, element } from "../../cib/index.js";
import { noConfiguration } from "./delete.js";
import type { EditCode, EditResult } from "./result.js";

/** Sections that `erase` empties; `nodes` too when asked (`erase nodes`). */
const erasedSections: ReadonlySet<string> = new Set([
  "crm_config",
  "rsc_defaults",
  "op_defaults",
  "resources",
  "constraints",
  "fencing-topology",
  "tags",
  "acls",
  "alerts",
]);
const requiredSections = ["crm_config", "nodes", "resources", "constraints"];

/**
 * crmsh's `erase`: deletes every object but the nodes (with `nodes: true`, the nodes too).
 * Optional sections disappear; the four the schema requires stay, empty. Never mutates `cib`.
 */
export function eraseConfiguration(
  cib: XmlElement,
  options: { readonly nodes?: boolean } = {},
): Result<EditResult, EditCode> {
  const copy = cloneNode(cib);
  const configuration = childElements(copy, "configuration")[0];
  if (configuration === undefined) return fail([noConfiguration()]);
  const erased = (name: string): boolean =>
    erasedSections.has(name) || (name === "nodes" && options.nodes === true);
  configuration.children = configuration.children.flatMap((child) => {
    if (child.kind !== "element" || !erased(child.name)) return [child];
    return requiredSections.includes(child.name) ? [element(child.name)] : [];
  });
  return ok({ cib: copy, notes: [] });
}
