import type { XmlElement } from "../../cib/index.js";
import { childElements, descendants } from "../../cib/index.js";
import { assignIds } from "./assign-ids.js";
import type { ToCibIssue } from "./build-context.js";
import { issueAt } from "./build-context.js";
import type { Draft } from "./draft.js";
import { placeholderTag } from "./draft.js";
import { redirectChildrenConstraints } from "./redirect-constraints.js";
import { containerTags, resourceTags } from "./workspace.js";
import type { Workspace } from "./workspace.js";

export type ApplyMode = "create" | "update" | "replace";

export interface Creation {
  readonly workspace: Workspace;
  readonly mode: ApplyMode;
  report(issue: ToCibIssue): void;
}

const objectTypeByTag: Readonly<Record<string, string>> = {
  master: "ms",
  template: "rsc_template",
  rsc_location: "location",
  rsc_colocation: "colocation",
  rsc_order: "order",
  cluster_property_set: "property",
  acl_role: "role",
  acl_user: "user",
};

/** The crm configure name of an element's object type (`rsc_location` → location). */
export function objectType(tag: string): string {
  return objectTypeByTag[tag] ?? tag;
}

/**
 * Ids a new object reuses. A node's id does not count: node ids are not XML IDs in the
 * schema, and crmsh keeps nodes apart (a primitive may share a node's name).
 */
function reportTakenIds(creation: Creation, draft: Draft, taken: readonly string[]): void {
  const { workspace } = creation;
  for (const id of taken) {
    if (workspace.findNode(id) !== undefined && workspace.findObject(id) === undefined) continue;
    const what = `${objectType(draft.element.name)} "${draft.id}"`;
    const message =
      id === draft.id
        ? `Cannot create ${what}: the id is already in use`
        : `Cannot create ${what}: id "${id}" is already in use`;
    creation.report(issueAt("duplicate_id", message, draft.span));
  }
}

/** Why `child` cannot go into a `containerTag`, or undefined when it can. */
function childProblem(containerTag: string, child: XmlElement, id: string) {
  if (containerTag === "group" && child.name !== "primitive") {
    return `a group may contain only primitives; "${id}" is a ${objectType(child.name)}`;
  }
  if (containerTag === "bundle" && child.name !== "primitive") {
    return `a bundle may contain only a primitive; "${id}" is a ${objectType(child.name)}`;
  }
  if (child.name !== "primitive" && child.name !== "group") {
    const type = objectType(containerTag);
    return `${type} may contain a primitive or a group; "${id}" is a ${objectType(child.name)}`;
  }
  return undefined;
}

/** Moves each child resource into the container in place of its placeholder. */
function moveChildrenIn(creation: Creation, draft: Draft): XmlElement[] {
  const { workspace } = creation;
  const container = draft.element;
  const moved: XmlElement[] = [];
  let placeholders = 0;
  container.children.forEach((node, position) => {
    if (node.kind !== "element" || node.name !== placeholderTag) return;
    const id = node.attributes["id"] ?? "";
    // Placeholders follow the statement's children in order: point issues at the child.
    const span = draft.children[placeholders++]?.span ?? draft.span;
    const what = `Cannot create ${objectType(container.name)} "${draft.id}"`;
    const child = workspace.findObject(id);
    if (child !== undefined && moved.includes(child)) {
      const message = `${what}: child "${id}" listed more than once`;
      creation.report(issueAt("duplicate_id", message, span));
      return;
    }
    if (child === undefined || !resourceTags.has(child.name)) {
      creation.report(issueAt("missing_reference", `${what}: object "${id}" does not exist`, span));
      return;
    }
    const problem = childProblem(container.name, child, id);
    if (problem !== undefined) {
      creation.report(issueAt("wrong_child_kind", `${what}: ${problem}`, span));
      return;
    }
    const parent = workspace.parentOf(child);
    const parentId = parent?.attributes["id"];
    if (parent !== undefined && containerTags.has(parent.name) && parentId !== draft.id) {
      const message = `${what}: "${id}" is already in use at "${parentId ?? ""}"`;
      creation.report(issueAt("child_in_use", message, span));
      return;
    }
    workspace.detach(child);
    container.children[position] = child;
    moved.push(child);
  });
  return moved;
}

/** Resources left behind by a replaced container go back to the top (crmsh relinks them). */
function relinkOrphans(creation: Creation, old: XmlElement, kept: readonly XmlElement[]): void {
  if (!containerTags.has(old.name)) return;
  const { workspace } = creation;
  for (const child of childElements(old)) {
    if (!resourceTags.has(child.name) || kept.includes(child)) continue;
    workspace.append(child, workspace.section("resources"));
    workspace.ids.saveTree(child);
  }
}

function placeNew(creation: Creation, draft: Draft, parent: XmlElement): void {
  const { workspace } = creation;
  reportTakenIds(creation, draft, assignIds(draft.element, workspace.ids));
  const moved = moveChildrenIn(creation, draft);
  workspace.append(draft.element, parent);
  for (const child of moved) workspace.adopt(child, draft.element);
  redirectChildrenConstraints(workspace, draft.element, moved, creation.report, draft.span);
}

/** Replaces an existing object wholesale, in place (load update). */
export function replaceExisting(creation: Creation, draft: Draft, old: XmlElement): void {
  const { workspace } = creation;
  if (old.name !== draft.element.name) {
    const message =
      `Cannot replace ${objectType(old.name)} "${draft.id}" ` +
      `with a ${objectType(draft.element.name)}`;
    creation.report(issueAt("duplicate_id", message, draft.span));
    return;
  }
  const oldIds = new Set<string>();
  for (const node of descendants(old)) {
    const id = node.attributes["id"];
    if (id !== undefined) oldIds.add(id);
  }
  const taken = assignIds(draft.element, workspace.ids, old).filter((id) => !oldIds.has(id));
  reportTakenIds(creation, draft, taken);
  const moved = moveChildrenIn(creation, draft);
  workspace.replace(old, draft.element);
  for (const child of moved) workspace.adopt(child, draft.element);
  relinkOrphans(creation, old, moved);
}

/** A top-level object: new, or (update) replacing the one with its id. */
export function createObject(creation: Creation, draft: Draft, section: string): void {
  const { workspace } = creation;
  const existing = workspace.findObject(draft.id);
  if (existing === undefined) {
    placeNew(creation, draft, workspace.section(section));
    return;
  }
  if (creation.mode === "create") {
    const type = objectType(draft.element.name);
    const message =
      `Cannot create ${type} with ID "${draft.id}": ` +
      `found existing ${objectType(existing.name)} with same ID`;
    creation.report(issueAt("duplicate_id", message, draft.span));
    return;
  }
  replaceExisting(creation, draft, existing);
}

/** The one `<fencing-topology>` (pseudo-id fencing_topology), appended or replaced. */
export function createFencingTopology(creation: Creation, draft: Draft): void {
  const { workspace } = creation;
  const existing = workspace.findObject("fencing_topology");
  if (existing === undefined) {
    placeNew(creation, draft, workspace.configuration);
  } else if (creation.mode === "create") {
    const message =
      'Cannot create fencing_topology with ID "fencing_topology": found existing ' +
      "fencing_topology with same ID";
    creation.report(issueAt("duplicate_id", message, draft.span));
  } else {
    replaceExisting(creation, draft, existing);
  }
}
