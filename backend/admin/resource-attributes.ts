import type { Result } from "../base/index.js";
import { fail, ok } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";
import type { AdminChange, AdminCode } from "./change.js";
import { changeCopy } from "./change.js";
import { idsOf, nvpairsNamed, removeAttribute, setAttribute } from "./nvpairs.js";
import { findResource } from "./resources.js";

/** The attribute sets `crm resource param|meta|utilization` work on. */
export type ResourceAttributeKind = "param" | "meta" | "utilization";

const setNames: Readonly<Record<ResourceAttributeKind, string>> = {
  param: "instance_attributes",
  meta: "meta_attributes",
  utilization: "utilization",
};

export interface AttributeRequest {
  readonly resource: string;
  readonly kind: ResourceAttributeKind;
  readonly name: string;
}

/** `param|meta|utilization RSC set NAME VALUE`, as crm_resource --set-parameter writes it. */
export function setResourceAttribute(
  cib: XmlElement,
  request: AttributeRequest & { readonly value: string },
): Result<AdminChange, AdminCode> {
  return changeCopy(cib, (copy) => {
    const path = findResource(copy, request.resource);
    if ("code" in path) return path;
    const setName = setNames[request.kind];
    const pair = setAttribute(
      path.resource,
      {
        setName,
        choice: "named",
        defaultSetId: `${request.resource}-${setName}`,
        name: request.name,
        value: request.value,
      },
      idsOf(copy),
    );
    const set = path.resource.children.find(
      (child) => child.kind === "element" && child.children.includes(pair),
    );
    const setId = set?.kind === "element" ? (set.attributes["id"] ?? "") : "";
    const id = pair.attributes["id"] ?? "";
    return [
      `Set '${request.resource}' option: id=${id} set=${setId} name=${request.name} value=${request.value}`,
    ];
  });
}

/** `… RSC delete NAME`: crm_resource --delete-parameter (nothing to delete is no error). */
export function deleteResourceAttribute(
  cib: XmlElement,
  request: AttributeRequest,
): Result<AdminChange, AdminCode> {
  return changeCopy(cib, (copy) => {
    const path = findResource(copy, request.resource);
    if ("code" in path) return path;
    const removed = removeAttribute(path.resource, setNames[request.kind], request.name);
    return removed.map(
      (pair) =>
        `Deleted '${request.resource}' option: id=${pair.attributes["id"] ?? ""} name=${request.name}`,
    );
  });
}

/**
 * `… RSC show NAME`: the value (crm_resource --get-parameter), or crm_resource's line
 * `Attribute 'NAME' not found for 'RSC'` as a warning when unset.
 */
export function showResourceAttribute(
  cib: XmlElement,
  request: AttributeRequest,
): Result<{ readonly value: string | undefined; readonly message: string }, AdminCode> {
  const path = findResource(cib, request.resource);
  if ("code" in path) return fail([path]);
  const value = nvpairsNamed(path.resource, setNames[request.kind], request.name)[0]?.attributes[
    "value"
  ];
  const message =
    value === undefined ? `Attribute '${request.name}' not found for '${request.resource}'` : value;
  return ok({ value, message });
}
