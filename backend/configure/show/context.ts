import type { XmlElement } from "../../cib/index.js";
import { descendants } from "../../cib/index.js";
import { globToRegExp } from "./format.js";

/** What printing one object needs to know about the rest of the configuration. */
export interface ShowContext {
  /** Ids that an `id-ref` of the same kind points at (crmsh then prints `$id=`), by id. */
  readonly referencedIds: ReadonlyMap<string, string>;
  /** Number of `node` objects: fencing_topology collapses when every node has the same levels. */
  readonly nodeCount: number;
  /** The CIB's schema predates pacemaker-3.7: Promoted/Unpromoted do not round-trip. */
  readonly legacyRoles: boolean;
  /** True when the value of an nvpair with this name is printed as `******`. */
  readonly isObscured: (name: string) => boolean;
}

/** crmsh's `core.obscure_pattern` default. */
export const defaultObscurePatterns: readonly string[] = ["passw*"];

export function obscureMatcher(patterns: readonly string[]): (name: string) => boolean {
  const expressions = patterns.filter((pattern) => pattern !== "").map(globToRegExp);
  return (name) => expressions.some((expression) => expression.test(name));
}

/**
 * The id-refs crmsh remembers while it re-reads its own output: rule references (`rule
 * $id-ref=`) and defaults sets given by reference. Attribute-set and nvpair references are
 * remembered under another name in crmsh 4.4 and so never make it print `$id=`.
 */
export function collectReferencedIds(configuration: XmlElement): Map<string, string> {
  const referenced = new Map<string, string>();
  const visit = (parent: XmlElement): void => {
    for (const child of parent.children) {
      if (child.kind !== "element") continue;
      const target = child.attributes["id-ref"];
      if (target !== undefined) {
        if (child.name === "rule") referenced.set(target, "rule");
        else if (child.name === "meta_attributes" && isDefaults(parent)) {
          referenced.set(target, "meta_attributes");
        }
      }
      visit(child);
    }
  };
  visit(configuration);
  return referenced;
}

function isDefaults(element: XmlElement): boolean {
  return element.name === "rsc_defaults" || element.name === "op_defaults";
}

export function countNodes(configuration: XmlElement): number {
  let count = 0;
  for (const element of descendants(configuration)) if (element.name === "node") count++;
  return count;
}

export function isReferenced(context: ShowContext, tag: string, id: string | undefined): boolean {
  return id !== undefined && context.referencedIds.get(id) === tag;
}
