import type { XmlElement } from "../../cib/index.js";
import { childElements, element, firstChild } from "../../cib/index.js";
import { assignIds, assignIdsUnder } from "./assign-ids.js";
import { issueAt } from "./build-context.js";
import type { Creation } from "./create-object.js";
import { replaceExisting } from "./create-object.js";
import type { Draft } from "./draft.js";
import { commentNodes } from "./draft.js";

/** crmsh merge_attributes: same-name nvpairs take the new values, new names are appended. */
function mergeNvpairs(creation: Creation, target: XmlElement, source: XmlElement): void {
  const setId = target.attributes["id"] ?? "";
  const byName = new Map<string, XmlElement>();
  for (const nvpair of childElements(target, "nvpair")) {
    const name = nvpair.attributes["name"];
    if (name !== undefined && !byName.has(name)) byName.set(name, nvpair);
  }
  for (const nvpair of childElements(source, "nvpair")) {
    const name = nvpair.attributes["name"];
    const existing = name === undefined ? undefined : byName.get(name);
    if (existing !== undefined) {
      for (const [attribute, value] of Object.entries(nvpair.attributes)) {
        if (attribute !== "id") existing.attributes[attribute] = value;
      }
      continue;
    }
    if (nvpair.attributes["id"] === undefined) {
      assignIdsUnder(nvpair, setId, creation.workspace.ids);
    }
    target.children.push(nvpair);
    if (name !== undefined) byName.set(name, nvpair);
  }
}

/**
 * property / rsc_defaults / op_defaults: a set with the same id is merged into (as crmsh's
 * `property a=b` does, in a script and in `load update`); otherwise the set is appended.
 */
export function createAttributeSet(creation: Creation, draft: Draft, section: string): void {
  const { workspace } = creation;
  const existing = workspace.findObject(draft.id);
  if (existing === undefined) {
    const taken = assignIds(draft.element, workspace.ids);
    for (const id of taken) {
      const message = `Cannot create set "${draft.id}": id "${id}" is already in use`;
      creation.report(issueAt("duplicate_id", message, draft.span));
    }
    workspace.append(draft.element, workspace.section(section));
    return;
  }
  if (existing.name !== draft.element.name) {
    const message = `Cannot create set "${draft.id}": the id is already in use`;
    creation.report(issueAt("duplicate_id", message, draft.span));
    return;
  }
  // A command (not a load) names the new set's nvpairs before merging, as crmsh does.
  if (creation.mode === "create") assignIds(draft.element, workspace.ids);
  mergeNvpairs(creation, existing, draft.element);
}

/** crmsh merge_nodes: attribute sets merged by kind, new kinds appended. */
function mergeNode(creation: Creation, existing: XmlElement, source: XmlElement): void {
  assignIds(source, creation.workspace.ids);
  for (const set of childElements(source)) {
    const target = firstChild(existing, set.name);
    if (target !== undefined) mergeNvpairs(creation, target, set);
    else existing.children.push(set);
  }
}

/** node: new, merged into an existing one (a command or script), or replaced (load update). */
export function createNode(creation: Creation, draft: Draft): void {
  const { workspace } = creation;
  const existing = workspace.findNode(draft.id);
  if (existing === undefined) {
    assignIds(draft.element, workspace.ids);
    workspace.append(draft.element, workspace.section("nodes"));
  } else if (creation.mode === "create") {
    mergeNode(creation, existing, draft.element);
  } else {
    replaceExisting(creation, draft, existing);
  }
}

const unitMilliseconds: Readonly<Record<string, number>> = {
  ms: 1,
  msec: 1,
  us: 0.001,
  usec: 0.001,
  s: 1000,
  sec: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
};

/** An interval as Pacemaker reads it (`10s`, `10000ms`, `10` seconds), or undefined. */
export function intervalMilliseconds(text: string): number | undefined {
  const match = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(text);
  if (match === null) return undefined;
  const factor = unitMilliseconds[(match[2] ?? "").toLowerCase() || "s"];
  return factor === undefined ? undefined : Number(match[1]) * factor;
}

/** The op of that name and (equal) interval, as crmsh's find_operation compares them. */
function findOperation(resource: XmlElement, name: string, interval: string) {
  const wanted = intervalMilliseconds(interval);
  for (const operations of childElements(resource, "operations")) {
    for (const op of childElements(operations, "op")) {
      if (op.attributes["name"] !== name) continue;
      const existing = op.attributes["interval"] ?? "0";
      if (existing === interval) return op;
      if (wanted !== undefined && intervalMilliseconds(existing) === wanted) return op;
    }
  }
  return undefined;
}

/** A monitor statement's op: appended to the primitive's `<operations>`. */
export function createOp(creation: Creation, draft: Draft, resourceId: string): void {
  const { workspace } = creation;
  const resource = workspace.findObject(resourceId);
  if (resource === undefined || resource.name !== "primitive") {
    const reason =
      resource === undefined
        ? `object "${resourceId}" does not exist`
        : `"${resourceId}" is not a primitive`;
    creation.report(issueAt("missing_reference", `Cannot add a monitor: ${reason}`, draft.span));
    return;
  }
  const name = draft.element.attributes["name"] ?? "";
  const interval = draft.element.attributes["interval"] ?? "0";
  if (findOperation(resource, name, interval) !== undefined) {
    const message = `Cannot add a monitor: "${resourceId}" already has a ${name} op with interval ${interval}`;
    creation.report(issueAt("duplicate_id", message, draft.span));
    return;
  }
  let operations = childElements(resource, "operations").find(
    (candidate) => candidate.attributes["id-ref"] === undefined,
  );
  if (operations === undefined) {
    operations = element("operations");
    resource.children.push(operations);
  }
  if (draft.element.attributes["id"] === undefined) {
    assignIdsUnder(draft.element, resourceId, workspace.ids);
  }
  operations.children.push(draft.element);
  // crmsh moves a monitor statement's comments to the top of the primitive.
  resource.children.unshift(...commentNodes(draft.statement.comments));
}
