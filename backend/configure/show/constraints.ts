import type { XmlElement } from "../../cib/index.js";
import { childElements, firstChild } from "../../cib/index.js";
import { nvpairFormat, scoreText } from "./format.js";
import type { ObjectPrinter } from "./object-text.js";
import { ruleText } from "./rules.js";

type ConstraintKind = "location" | "colocation" | "order" | "rsc_ticket";

/** Python's truthiness of crmsh's get_boolean: undefined stays undefined. */
function booleanMaybe(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return ["yes", "true", "on", "1"].includes(value.toLowerCase());
}

/** Resource sets as crm tokens: `a b`, `( a b )`, `[ a b ]`, `rsc:role` / `rsc:action`. */
export function resourceSetTokens(constraint: XmlElement, kind: ConstraintKind): string[] {
  const tokens: string[] = [];
  let count = 0;
  let sequential: boolean | undefined;
  let requireAll: boolean | undefined;
  for (const set of childElements(constraint, "resource_set")) {
    sequential = booleanMaybe(set.attributes["sequential"]);
    requireAll = booleanMaybe(set.attributes["require-all"]);
    if (requireAll === false) tokens.push("[");
    else if (sequential === false) tokens.push("(");
    const qualifier = kind === "order" ? set.attributes["action"] : set.attributes["role"];
    for (const reference of childElements(set, "resource_ref")) {
      const id = String(reference.attributes["id"]);
      tokens.push(qualifier ? `${id}:${qualifier}` : id);
      count++;
    }
    if (requireAll === false) {
      if (sequential !== false) tokens.push(nvpairFormat("sequential", "true"));
      tokens.push("]");
    } else if (sequential === false) tokens.push(")");
  }
  const plain = sequential !== false && requireAll !== false;
  const isTicket = kind === "rsc_ticket";
  if (kind !== "location" && ((plain && !isTicket && count <= 2) || (isTicket && count <= 1))) {
    tokens.unshift("_rsc_set_");
  }
  return tokens;
}

function withQualifier(constraint: XmlElement, name: string, qualifier: "role" | "action"): string {
  const id = String(constraint.attributes[name]);
  const value = constraint.attributes[`${name}-${qualifier}`];
  const instance = constraint.attributes[`${name}-instance`];
  if (value) return `${id}:${value}`;
  if (instance) return `${id}:${instance}`;
  return id;
}

function resourceTokens(constraint: XmlElement, kind: ConstraintKind): string[] {
  if (firstChild(constraint, "resource_set") !== undefined) {
    return resourceSetTokens(constraint, kind);
  }
  if (kind === "colocation") {
    return [
      withQualifier(constraint, "rsc", "role"),
      withQualifier(constraint, "with-rsc", "role"),
    ];
  }
  if (kind === "order") {
    return [
      withQualifier(constraint, "first", "action"),
      withQualifier(constraint, "then", "action"),
    ];
  }
  return [withQualifier(constraint, "rsc", "role")];
}

export const locationPrinter: ObjectPrinter = {
  head(location) {
    const attributes = location.attributes;
    let resource: string;
    if (attributes["rsc"] !== undefined) resource = attributes["rsc"];
    else if (attributes["rsc-pattern"] !== undefined) resource = `/${attributes["rsc-pattern"]}/`;
    else if (firstChild(location, "resource_set") !== undefined) {
      resource = `{ ${resourceSetTokens(location, "location").join(" ")} }`;
    } else return undefined;
    let text = `location ${String(attributes["id"])} ${resource}`;
    for (const name of ["role", "resource-discovery"]) {
      const value = attributes[name];
      if (value !== undefined) text += ` ${name}=${value}`;
    }
    const node = attributes["node"];
    if (node !== undefined) text = `${text} ${scoreText(location)}: ${node}`;
    return text;
  },
  child: (child, context) =>
    child.name === "rule" ? `rule ${ruleText(child, context)}` : undefined,
};

/** colocation and order: `KIND ID [SCORE|KIND:] resources [symmetrical=…|node-attribute=…]`. */
export function simpleConstraintPrinter(kind: "colocation" | "order"): ObjectPrinter {
  return {
    head(constraint) {
      const score = scoreText(constraint) || (constraint.attributes["kind"] ?? "");
      const tokens = resourceTokens(constraint, kind);
      const extra = kind === "order" ? "symmetrical" : "node-attribute";
      const value = constraint.attributes[extra];
      if (value) tokens.push(`${extra}=${value}`);
      const prefix = `${kind} ${String(constraint.attributes["id"])} `;
      return `${prefix}${score !== "" ? `${score}: ` : ""}${tokens.join(" ")}`;
    },
    child: () => undefined,
  };
}

export const ticketPrinter: ObjectPrinter = {
  head(ticket) {
    const tokens = resourceTokens(ticket, "rsc_ticket");
    const lossPolicy = ticket.attributes["loss-policy"];
    if (lossPolicy) tokens.push(`loss-policy=${lossPolicy}`);
    const { id } = ticket.attributes;
    return `rsc_ticket ${String(id)} ${String(ticket.attributes["ticket"])}: ${tokens.join(" ")}`;
  },
  child: () => undefined,
};
