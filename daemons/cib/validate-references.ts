import { nearest, type Issue } from "../../backend/base/index.js";
import {
  childElements,
  firstChild,
  pathSegment,
  type XmlElement,
} from "../../backend/cib/index.js";
import type { CibValidationCode, IdAttribute, StructureWalk } from "./validate-structure.js";
import { issueAt } from "./validate-structure.js";

/**
 * Referential checks: IDs unique and IDREFs resolved (as the schema's ID/IDREF types demand),
 * then what Pacemaker needs beyond the schema: constraints name resources, templates or tags;
 * a primitive's template is a template; an ACL role reference names an acl_role; a tag names
 * configured objects. Unknown node names are warnings: a node may join later.
 */
export function checkReferences(cib: XmlElement, walk: StructureWalk): Issue<CibValidationCode>[] {
  const issues: Issue<CibValidationCode>[] = [];
  const byId = new Map<string, IdAttribute>();
  for (const found of walk.ids) {
    const first = byId.get(found.value);
    if (first === undefined) byId.set(found.value, found);
    else issues.push(issueAt(found.path, "duplicate_id", duplicateMessage(found, first)));
  }
  for (const reference of walk.references) {
    const target = byId.get(reference.value);
    if (target === undefined) {
      issues.push(issueAt(reference.path, "unknown_reference", unknownMessage(reference, byId)));
      continue;
    }
    const expected = expectedTarget(reference);
    if (expected !== undefined && !expected.names.includes(target.element.name)) {
      const message =
        `attribute "${reference.attribute}" names "${reference.value}", a <${target.element.name}>;` +
        ` expected ${expected.what}`;
      issues.push(issueAt(reference.path, "unknown_reference", message));
    }
  }
  issues.push(...tagReferences(cib, byId), ...nodeReferences(cib));
  return issues;
}

function duplicateMessage(found: IdAttribute, first: IdAttribute): string {
  return `id "${found.value}" is already used by <${first.element.name}> at /${first.path.join("/")}`;
}

function unknownMessage(reference: IdAttribute, byId: ReadonlyMap<string, IdAttribute>): string {
  const hint = nearest(reference.value, byId.keys());
  const suffix = hint === undefined ? "" : ` (did you mean "${hint}"?)`;
  return `attribute "${reference.attribute}" names "${reference.value}", which no element has as its id${suffix}`;
}

const resourceNames = ["primitive", "group", "clone", "master", "bundle"];
const constraintTargets = {
  names: [...resourceNames, "template", "tag"],
  what: "a resource, template or tag",
};
const constraintAttributes: Record<string, readonly string[]> = {
  rsc_location: ["rsc"],
  rsc_colocation: ["rsc", "with-rsc"],
  rsc_order: ["first", "then"],
  rsc_ticket: ["rsc"],
};

export function expectedTarget(
  reference: IdAttribute,
): { readonly names: readonly string[]; readonly what: string } | undefined {
  const name = reference.element.name;
  if (constraintAttributes[name]?.includes(reference.attribute) === true) return constraintTargets;
  if (name === "resource_ref") return constraintTargets;
  if (name === "primitive" && reference.attribute === "template") {
    return { names: ["template"], what: "a template" };
  }
  if (name === "role") return { names: ["acl_role"], what: "an acl_role" };
  return undefined;
}

/** A tag's obj_ref ids are plain text in the schema; Pacemaker expects configured objects. */
function tagReferences(
  cib: XmlElement,
  byId: ReadonlyMap<string, IdAttribute>,
): Issue<CibValidationCode>[] {
  const tags = firstChild(firstChild(cib, "configuration") ?? cib, "tags");
  if (tags === undefined) return [];
  const issues: Issue<CibValidationCode>[] = [];
  for (const tag of childElements(tags, "tag")) {
    for (const reference of childElements(tag, "obj_ref")) {
      const id = reference.attributes["id"] ?? "";
      if (byId.has(id)) continue;
      const path = ["cib", "configuration", "tags", pathSegment(tag)];
      issues.push(issueAt(path, "unknown_reference", `obj_ref "${id}" names no configured object`));
    }
  }
  return issues;
}

/** Location constraints and fencing levels naming a node the nodes section does not list. */
function nodeReferences(cib: XmlElement): Issue<CibValidationCode>[] {
  const configuration = firstChild(cib, "configuration");
  const nodes = configuration === undefined ? undefined : firstChild(configuration, "nodes");
  if (configuration === undefined || nodes === undefined) return [];
  const known = new Set(childElements(nodes, "node").map((node) => node.attributes["uname"] ?? ""));
  if (known.size === 0) return [];
  const places = [
    { section: "constraints", name: "rsc_location", attribute: "node" },
    { section: "fencing-topology", name: "fencing-level", attribute: "target" },
  ];
  const issues: Issue<CibValidationCode>[] = [];
  for (const place of places) {
    const section = firstChild(configuration, place.section);
    for (const node of section === undefined ? [] : childElements(section, place.name)) {
      const name = node.attributes[place.attribute];
      if (name === undefined || known.has(name)) continue;
      const hint = nearest(name, known);
      const suffix = hint === undefined ? "" : ` (did you mean "${hint}"?)`;
      const path = ["cib", "configuration", place.section, pathSegment(node)];
      const message = `node "${name}" is not in the nodes section${suffix}`;
      issues.push(issueAt(path, "unknown_reference", message, "warning"));
    }
  }
  return issues;
}
