import type { Result } from "../base/index.js";
import { fail, issue } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";
import { element, ensureChild, firstChild } from "../cib/index.js";
import type { AdminChange, AdminCode } from "./change.js";
import { changeCopy } from "./change.js";
import { addDuration, pacemakerDate, parseDuration } from "./lifetime.js";
import { locateResource } from "./locate.js";
import { findResource } from "./resources.js";

export interface PlacementRequest {
  readonly resource: string;
  /** Target (move) or banned node (ban); ban without one uses the node the resource runs on. */
  readonly node?: string;
  /** ISO 8601 duration; the constraint then expires at now + lifetime. */
  readonly lifetime?: string;
  /** Epoch seconds, for the lifetime's end. */
  readonly now: number;
}

function constraintsOf(cib: XmlElement): XmlElement {
  const configuration = ensureChild(cib, "configuration");
  return ensureChild(configuration, "constraints");
}

function removeConstraints(cib: XmlElement, matches: (id: string) => boolean): string[] {
  const configuration = firstChild(cib, "configuration");
  const constraints = configuration && firstChild(configuration, "constraints");
  if (constraints === undefined) return [];
  const removed: string[] = [];
  constraints.children = constraints.children.filter((child) => {
    const id =
      child.kind === "element" && child.name === "rsc_location"
        ? child.attributes["id"]
        : undefined;
    const gone = id !== undefined && matches(id);
    if (gone) removed.push(id);
    return !gone;
  });
  return removed;
}

/**
 * The rsc_location crm_resource writes: `node`/`score` attributes, or with a lifetime a rule
 * on #uname plus a date_expression ending it (ids as crm_resource 2.1 names them).
 */
function locationConstraint(
  ids: {
    readonly id: string;
    readonly rule: string;
    readonly expression: string;
    readonly lifetime: string;
  },
  placement: { readonly resource: string; readonly node: string; readonly score: string },
  end: string | undefined,
): XmlElement {
  const { resource, node, score } = placement;
  if (end === undefined) {
    return element("rsc_location", { id: ids.id, rsc: resource, role: "Started", node, score });
  }
  const expression = element("expression", {
    id: ids.expression,
    attribute: "#uname",
    operation: "eq",
    value: node,
    type: "string",
  });
  const expiry = element("date_expression", { id: ids.lifetime, operation: "lt", end });
  const rule = element("rule", { id: ids.rule, score, "boolean-op": "and" }, [expression, expiry]);
  return element("rsc_location", { id: ids.id, rsc: resource, role: "Started" }, [rule]);
}

function lifetimeEnd(
  request: PlacementRequest,
): string | undefined | ReturnType<typeof issue<AdminCode>> {
  if (request.lifetime === undefined) return undefined;
  const duration = parseDuration(request.lifetime);
  if ("code" in duration) return duration;
  return pacemakerDate(addDuration(request.now, duration));
}

/** `crm resource move RSC NODE [LIFETIME]`: cli-prefer-RSC (replacing an older one). */
export function moveResource(
  cib: XmlElement,
  request: PlacementRequest,
): Result<AdminChange, AdminCode> {
  const node = request.node;
  if (node === undefined) return banResource(cib, request);
  return changeCopy(cib, (copy) => {
    const path = findResource(copy, request.resource);
    if ("code" in path) return path;
    const end = lifetimeEnd(request);
    if (typeof end === "object") return end;
    const resource = request.resource;
    removeConstraints(
      copy,
      (id) => id === `cli-prefer-${resource}` || id === `cli-ban-${resource}-on-${node}`,
    );
    const ids = {
      id: `cli-prefer-${resource}`,
      rule: `cli-prefer-rule-${resource}`,
      expression: `cli-prefer-expr-${resource}`,
      lifetime: `cli-prefer-lifetime-end-${resource}`,
    };
    constraintsOf(copy).children.push(
      locationConstraint(ids, { resource, node, score: "INFINITY" }, end),
    );
    return [
      ...(end === undefined ? [] : [`Migration will take effect until: ${end}`]),
      `Move constraint created for ${resource} to ${node}`,
      `Use \`crm resource clear ${resource}\` to remove this constraint`,
    ];
  });
}

/** `crm resource ban RSC [NODE] [LIFETIME]`: cli-ban-RSC-on-NODE with -INFINITY. */
export function banResource(
  cib: XmlElement,
  request: PlacementRequest,
): Result<AdminChange, AdminCode> {
  let node = request.node;
  if (node === undefined) {
    const located = locateResource(cib, request.resource);
    if (!located.ok) return located;
    const only = located.value.length === 1 ? located.value[0] : undefined;
    if (only === undefined) {
      return fail([
        issue<AdminCode>(
          "not_located",
          `Resource '${request.resource}' not moved: active in ${located.value.length} locations`,
          {
            suggestion: `to prevent '${request.resource}' from running on a specific location, specify a node`,
          },
        ),
      ]);
    }
    node = only.node;
  }
  const banned = node;
  return changeCopy(cib, (copy) => {
    const path = findResource(copy, request.resource);
    if ("code" in path) return path;
    const end = lifetimeEnd(request);
    if (typeof end === "object") return end;
    const resource = request.resource;
    const id = `cli-ban-${resource}-on-${banned}`;
    removeConstraints(copy, (existing) => existing === id);
    const ids = { id, rule: `${id}-rule`, expression: `${id}-expr`, lifetime: `${id}-lifetime` };
    constraintsOf(copy).children.push(
      locationConstraint(ids, { resource, node: banned, score: "-INFINITY" }, end),
    );
    return [
      ...(end === undefined ? [] : [`Migration will take effect until: ${end}`]),
      `Ban constraint created for ${resource} to ${banned}`,
      `Use \`crm resource clear ${resource}\` to remove this constraint`,
    ];
  });
}

/** `crm resource clear RSC`: removes cli-prefer-RSC and every cli-ban-RSC-on-NODE. */
export function clearResource(cib: XmlElement, resource: string): Result<AdminChange, AdminCode> {
  return changeCopy(cib, (copy) => {
    const path = findResource(copy, resource);
    if ("code" in path) return path;
    removeConstraints(
      copy,
      (id) => id === `cli-prefer-${resource}` || id.startsWith(`cli-ban-${resource}-on-`),
    );
    return [`Removed migration constraints for ${resource}`];
  });
}
