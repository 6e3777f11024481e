import type { XmlElement } from "../../cib/index.js";
import { element } from "../../cib/index.js";
import type { Span } from "../../base/index.js";
import type { Reference, Statement } from "../../../grammar/index.js";

/**
 * Where a container's existing child resource goes (crmsh's `crmsh-ref`): replaced by the
 * resource itself, moved from where it was, when the container is created.
 */
export const placeholderTag = "crmsh-ref";

export function placeholder(reference: Reference): XmlElement {
  return element(placeholderTag, { id: reference.id });
}

/** How a built object joins the CIB. */
export type Placement =
  /** A new top-level object in a `<configuration>` section (or replacing one in update). */
  | { readonly kind: "object"; readonly section: string }
  /** A property/defaults set: merged into an existing set of the same id. */
  | { readonly kind: "attribute_set"; readonly section: string }
  /** A node: merged into an existing node outside of update mode. */
  | { readonly kind: "node" }
  /** `<fencing-topology>`: the section itself. */
  | { readonly kind: "fencing_topology" }
  /** An op (monitor statement) added to an existing primitive. */
  | { readonly kind: "op"; readonly resource: Reference };

/** One statement turned into CIB XML (generated ids not assigned yet). */
export interface Draft {
  /** The object id crmsh keys the object by (`fencing_topology` for the topology). */
  readonly id: string;
  readonly element: XmlElement;
  readonly placement: Placement;
  /** Children to move inside (groups, clones, ms, bundles), in order. */
  readonly children: readonly Reference[];
  /** Resources a constraint refers to. */
  readonly references: readonly Reference[];
  readonly statement: Statement;
  /** Where the id was written (for issues). */
  readonly span: Span;
}

/** Appends `# text` comment nodes as crmsh stores them: `<!--# text-->` first in the object. */
export function commentNodes(comments: readonly string[]): XmlElement["children"] {
  return comments.map((text) => ({
    kind: "comment" as const,
    text: text.startsWith("#") ? text : `# ${text}`,
  }));
}

/** Sorts parts of a statement into input order by where they were written. */
export function inInputOrder<T>(parts: readonly { offset: number; value: T }[]): T[] {
  return [...parts].sort((a, b) => a.offset - b.offset).map((part) => part.value);
}
