import type { Issue, Result } from "../../base/index.js";
import { fail, issue, ok } from "../../base/index.js";
import { globToRegExp } from "./format.js";
import type { ConfigurationObject } from "./objects.js";

export type ShowIssueCode = "unknown_object" | "no_configuration" | "legacy_role";

/** Inputs of crmsh's object filters: ids (globs), `type:K`, `tag:T`, `related:R`, `changed`. */
export interface Selection {
  readonly specs: readonly string[];
  readonly changedIds?: readonly string[];
}

const resourceKinds = new Set(["primitive", "group", "clone", "ms", "rsc_template", "bundle"]);
const constraintTags = new Set(["rsc_location", "rsc_colocation", "rsc_order", "rsc_ticket"]);

function byId(objects: readonly ConfigurationObject[], spec: string): ConfigurationObject[] {
  const pattern = globToRegExp(spec);
  return objects.filter(
    (object) =>
      pattern.test(object.id) ||
      (object.kind === "node" && pattern.test(object.element.attributes["uname"] ?? "")),
  );
}

function byTag(objects: readonly ConfigurationObject[], tag: string): ConfigurationObject[] {
  const found: ConfigurationObject[] = [];
  for (const object of objects) {
    if (object.kind !== "tag" || object.id !== tag) continue;
    for (const reference of object.element.children) {
      if (reference.kind !== "element") continue;
      const target = objects.find(
        (candidate) => candidate.kind !== "node" && candidate.id === reference.attributes["id"],
      );
      if (target !== undefined) found.push(target);
    }
  }
  return found;
}

function refersTo(object: ConfigurationObject, id: string): boolean {
  const element = object.element;
  if (constraintTags.has(element.name)) {
    for (const name of ["rsc", "with-rsc", "first", "then"]) {
      if (element.attributes[name] === id) return true;
    }
  }
  const stack = [...element.children];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next?.kind !== "element") continue;
    const holds = ["resource_ref", "obj_ref", "primitive", "group", "clone", "master"];
    if (holds.includes(next.name) && next.attributes["id"] === id) return true;
    stack.push(...next.children);
  }
  return false;
}

function related(objects: readonly ConfigurationObject[], id: string): ConfigurationObject[] {
  const found = byId(objects, id);
  const self = found.find((object) => object.kind !== "node") ?? found[0];
  if (self !== undefined && resourceKinds.has(self.kind)) {
    found.push(...objects.filter((object) => object !== self && refersTo(object, self.id)));
  }
  return found;
}

/**
 * The objects a `show` selection names, as crmsh's filter_objects: specs are or-ed, `and`
 * intersects with what came before; an id that matches nothing is an issue.
 */
export function selectObjects(
  objects: readonly ConfigurationObject[],
  selection: Selection,
): Result<ConfigurationObject[], ShowIssueCode> {
  if (selection.specs.length === 0) return ok([...objects]);
  let chosen = new Set<ConfigurationObject>();
  let intersectWith: Set<ConfigurationObject> | undefined;
  const issues: Issue<ShowIssueCode>[] = [];
  for (const spec of selection.specs) {
    if (spec === "or") continue;
    if (spec === "and") {
      intersectWith = chosen;
      chosen = new Set();
      continue;
    }
    const matched = matchSpec(objects, spec, selection.changedIds ?? []);
    if (matched === undefined) {
      issues.push(issue("unknown_object", `Object "${spec}" does not exist`));
      continue;
    }
    for (const object of matched) chosen.add(object);
    if (intersectWith !== undefined) {
      const previous = intersectWith;
      chosen = new Set([...chosen].filter((object) => previous.has(object)));
      intersectWith = undefined;
    }
  }
  if (issues.length > 0) return fail(issues);
  return ok([...(intersectWith ?? chosen)]);
}

function matchSpec(
  objects: readonly ConfigurationObject[],
  spec: string,
  changedIds: readonly string[],
): ConfigurationObject[] | undefined {
  if (spec === "changed") return objects.filter((object) => changedIds.includes(object.id));
  if (spec.startsWith("type:")) return objects.filter((object) => object.kind === spec.slice(5));
  if (spec.startsWith("tag:")) return byTag(objects, spec.slice(4));
  if (spec.startsWith("related:")) return related(objects, spec.slice(8));
  const found = byId(objects, spec);
  return found.length > 0 ? found : undefined;
}
