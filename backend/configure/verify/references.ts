import type { XmlElement } from "../../cib/index.js";
import type { VerifyRun } from "./context.js";
import { nameOf } from "./context.js";

const resourceNames: ReadonlySet<string> = new Set([
  "primitive",
  "group",
  "clone",
  "master",
  "bundle",
  "template",
]);

/** Attributes naming a resource (or a tag or template, as Pacemaker accepts in constraints). */
const resourceAttributes: Readonly<Record<string, readonly string[]>> = {
  rsc_location: ["rsc"],
  rsc_colocation: ["rsc", "with-rsc"],
  rsc_order: ["first", "then"],
  rsc_ticket: ["rsc"],
  resource_ref: ["id"],
};

/** Constraints, sets, tags, templates, fencing levels and id-refs name existing objects. */
export function checkReferences(run: VerifyRun): void {
  const byId = new Map<string, XmlElement>();
  for (const { element } of run.visited) {
    const id = element.attributes["id"];
    if (id !== undefined && !byId.has(id) && !isReference(element)) byId.set(id, element);
  }
  const resourceLike = (id: string): boolean => {
    const target = byId.get(id);
    return target !== undefined && (resourceNames.has(target.name) || target.name === "tag");
  };
  for (const { element, owner } of run.visited) {
    for (const attribute of resourceAttributes[element.name] ?? []) {
      const id = element.attributes[attribute];
      if (id !== undefined && !resourceLike(id)) missing(run, owner, "resource", id);
    }
    checkOtherReferences(run, element, owner, byId);
  }
}

function checkOtherReferences(
  run: VerifyRun,
  element: XmlElement,
  owner: XmlElement | undefined,
  byId: ReadonlyMap<string, XmlElement>,
): void {
  const attributes = element.attributes;
  if (element.name === "obj_ref" && attributes["id"] !== undefined && !byId.has(attributes["id"])) {
    missing(run, owner, "object", attributes["id"]);
  }
  const template = attributes["template"];
  if (
    element.name === "primitive" &&
    template !== undefined &&
    byId.get(template)?.name !== "template"
  ) {
    missing(run, owner, "template", template);
  }
  const reference = attributes["id-ref"];
  if (reference !== undefined && !byId.has(reference)) missing(run, owner, "element", reference);
  if (element.name === "fencing-level") {
    for (const device of (attributes["devices"] ?? "").split(",")) {
      if (device !== "" && byId.get(device)?.name !== "primitive") {
        missing(run, owner, "fencing device", device);
      }
    }
  }
}

function isReference(element: XmlElement): boolean {
  return element.name === "resource_ref" || element.name === "obj_ref" || element.name === "role";
}

function missing(run: VerifyRun, owner: XmlElement | undefined, kind: string, id: string): void {
  run.report(
    "missing_reference",
    `${capitalized(nameOf(owner))} refers to missing ${kind} "${id}"`,
    owner,
  );
}

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
