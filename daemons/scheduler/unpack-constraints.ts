/**
 * Constraints: rsc_location, rsc_colocation and rsc_order (with resource sets), with tags
 * and templates expanded to the resources they name.
 */
import { childElements, firstChild, type XmlElement } from "../../backend/cib/index.js";
import type {
  ColocationConstraint, LocationConstraint, OrderConstraint, OrderKind, ResourceModel,
  TicketConstraint, TicketLossPolicy,
} from "./model.js";
import { booleanOption } from "./nvpairs.js";
import { parseScore } from "./score.js";
import { parseRole } from "./unpack-resources.js";

export interface ConstraintContext {
  readonly resourceById: ReadonlyMap<string, ResourceModel>;
  readonly topLevel: readonly ResourceModel[];
  /** Tag id → referenced ids; template id → primitives using it. */
  readonly references: ReadonlyMap<string, readonly string[]>;
}

export interface UnpackedConstraints {
  readonly locations: LocationConstraint[];
  readonly colocations: ColocationConstraint[];
  readonly orders: OrderConstraint[];
  readonly ticketConstraints: TicketConstraint[];
}

export function unpackReferences(configuration: XmlElement | undefined, resources: XmlElement | undefined): Map<string, string[]> {
  const references = new Map<string, string[]>();
  const tags = configuration === undefined ? undefined : firstChild(configuration, "tags");
  for (const tag of tags === undefined ? [] : childElements(tags, "tag")) {
    references.set(tag.attributes["id"] ?? "", childElements(tag, "obj_ref").map((ref) => ref.attributes["id"] ?? ""));
  }
  const walk = (element: XmlElement): void => {
    for (const child of childElements(element)) {
      const template = child.attributes["template"];
      if (child.name === "primitive" && template !== undefined) {
        const list = references.get(template) ?? [];
        list.push(child.attributes["id"] ?? "");
        references.set(template, list);
      }
      walk(child);
    }
  };
  if (resources !== undefined) walk(resources);
  return references;
}

function expand(id: string | undefined, context: ConstraintContext): string[] {
  if (id === undefined) return [];
  if (context.resourceById.has(id)) return [id];
  return (context.references.get(id) ?? []).flatMap((ref) => expand(ref, context));
}

export function unpackConstraints(section: XmlElement | undefined, context: ConstraintContext): UnpackedConstraints {
  const result: UnpackedConstraints = { locations: [], colocations: [], orders: [], ticketConstraints: [] };
  for (const constraint of section === undefined ? [] : childElements(section)) {
    if (constraint.name === "rsc_location") unpackLocation(constraint, context, result.locations);
    else if (constraint.name === "rsc_colocation") unpackColocation(constraint, context, result.colocations);
    else if (constraint.name === "rsc_order") unpackOrder(constraint, context, result.orders);
    else if (constraint.name === "rsc_ticket") unpackTicket(constraint, context, result.ticketConstraints);
  }
  return result;
}

function locationTargets(constraint: XmlElement, context: ConstraintContext): string[] {
  const pattern = constraint.attributes["rsc-pattern"];
  if (pattern !== undefined) {
    let regex: RegExp;
    try {
      regex = new RegExp(pattern);
    } catch {
      return [];
    }
    return context.topLevel.map((resource) => resource.id).filter((id) => regex.test(id));
  }
  const sets = childElements(constraint, "resource_set");
  if (sets.length > 0) {
    return sets.flatMap((set) => childElements(set, "resource_ref").flatMap((ref) => expand(ref.attributes["id"], context)));
  }
  return expand(constraint.attributes["rsc"], context);
}

function unpackLocation(constraint: XmlElement, context: ConstraintContext, into: LocationConstraint[]): void {
  const id = constraint.attributes["id"] ?? "";
  const rules = childElements(constraint, "rule");
  for (const resourceId of locationTargets(constraint, context)) {
    const common = {
      id, resourceId,
      role: parseRole(constraint.attributes["role"]),
      discovery: constraint.attributes["resource-discovery"],
    };
    if (rules.length === 0) {
      into.push({ ...common, node: constraint.attributes["node"], score: parseScore(constraint.attributes["score"]), rules: [] });
      continue;
    }
    for (const rule of rules) {
      into.push({
        ...common,
        role: parseRole(rule.attributes["role"]) ?? common.role,
        node: undefined, score: 0, rules: [rule],
      });
    }
  }
}

interface SetMembers {
  readonly id: string;
  readonly members: string[];
  readonly sequential: boolean;
  readonly requireAll: boolean;
  readonly role: string | undefined;
  readonly action: string | undefined;
  /** Colocation sets: "group" (each member with the one before) or "listed" (with the one after). */
  readonly ordering: string;
}

function readSets(constraint: XmlElement, context: ConstraintContext): SetMembers[] {
  return childElements(constraint, "resource_set").map((set) => ({
    id: set.attributes["id"] ?? "",
    members: childElements(set, "resource_ref").flatMap((ref) => expand(ref.attributes["id"], context)),
    sequential: booleanOption(set.attributes["sequential"], true),
    requireAll: booleanOption(set.attributes["require-all"], true),
    role: set.attributes["role"],
    action: set.attributes["action"],
    ordering: set.attributes["ordering"]?.toLowerCase() ?? "group",
  }));
}

function unpackColocation(constraint: XmlElement, context: ConstraintContext, into: ColocationConstraint[]): void {
  const attributes = constraint.attributes;
  const id = attributes["id"] ?? "";
  const score = parseScore(attributes["score"]);
  const influenceText = attributes["influence"];
  const base = {
    id, score,
    nodeAttribute: attributes["node-attribute"] ?? "#uname",
    influence: influenceText === undefined ? undefined : booleanOption(influenceText, true),
  };
  const sets = readSets(constraint, context);
  if (sets.length === 0) {
    for (const dependent of expand(attributes["rsc"], context)) {
      for (const primary of expand(attributes["with-rsc"], context)) {
        into.push({
          ...base, dependent, primary,
          dependentRole: parseRole(attributes["rsc-role"]),
          primaryRole: parseRole(attributes["with-rsc-role"]),
        });
      }
    }
    return;
  }
  const add = (dependent: string, dependentSet: SetMembers, primary: string, primarySet: SetMembers): void => {
    into.push({
      ...base, dependent, primary,
      dependentRole: parseRole(dependentSet.role),
      primaryRole: parseRole(primarySet.role),
    });
  };
  for (const set of sets) {
    if (!set.sequential) continue;
    for (let index = 1; index < set.members.length; index++) {
      if (score < 0) {
        for (let earlier = 0; earlier < index; earlier++) add(set.members[index] ?? "", set, set.members[earlier] ?? "", set);
      } else if (set.ordering !== "group") {
        add(set.members[index - 1] ?? "", set, set.members[index] ?? "", set);
      } else {
        add(set.members[index] ?? "", set, set.members[index - 1] ?? "", set);
      }
    }
  }
  for (let index = 0; index + 1 < sets.length; index++) {
    const earlier = sets[index];
    const later = sets[index + 1];
    if (earlier === undefined || later === undefined) continue;
    const dependents = earlier.sequential ? earlier.members.slice(0, 1) : earlier.members;
    const primaries = later.sequential ? later.members.slice(-1) : later.members;
    for (const dependent of dependents) for (const primary of primaries) add(dependent, earlier, primary, later);
  }
}

function orderKind(constraint: XmlElement): OrderKind {
  const kind = constraint.attributes["kind"];
  if (kind === "Optional" || kind === "Serialize" || kind === "Mandatory") return kind;
  const score = constraint.attributes["score"];
  if (score !== undefined && parseScore(score) === 0) return "Optional";
  return "Mandatory";
}

function unpackOrder(constraint: XmlElement, context: ConstraintContext, into: OrderConstraint[]): void {
  const attributes = constraint.attributes;
  const id = attributes["id"] ?? "";
  const kind = orderKind(constraint);
  const symmetrical = booleanOption(attributes["symmetrical"], kind !== "Serialize");
  const sets = readSets(constraint, context);
  if (sets.length === 0) {
    const firstAction = attributes["first-action"] ?? "start";
    for (const first of expand(attributes["first"], context)) {
      for (const then of expand(attributes["then"], context)) {
        into.push({ id, first, then, firstAction, thenAction: attributes["then-action"] ?? firstAction, kind, symmetrical, requireAll: booleanOption(attributes["require-all"], true) });
      }
    }
    return;
  }
  const push = (first: string, firstSet: SetMembers, then: string, thenSet: SetMembers): void => {
    into.push({
      id, first, then, kind, symmetrical,
      firstAction: firstSet.action ?? "start", thenAction: thenSet.action ?? "start",
    });
  };
  for (const set of sets) {
    if (!set.sequential) continue;
    for (let index = 1; index < set.members.length; index++) {
      if (kind === "Serialize") {
        for (let earlier = 0; earlier < index; earlier++) push(set.members[earlier] ?? "", set, set.members[index] ?? "", set);
      } else {
        push(set.members[index - 1] ?? "", set, set.members[index] ?? "", set);
      }
    }
  }
  for (let index = 0; index + 1 < sets.length; index++) {
    const earlier = sets[index];
    const later = sets[index + 1];
    if (earlier === undefined || later === undefined) continue;
    const thens = later.sequential ? later.members.slice(0, 1) : later.members;
    if (!earlier.requireAll) {
      for (const then of thens) {
        into.push({
          id, first: earlier.members[0] ?? "", then, kind, symmetrical: false,
          firstAction: earlier.action ?? "start", thenAction: later.action ?? "start",
          firstAny: earlier.members, setId: earlier.id,
        });
      }
      continue;
    }
    const firsts = earlier.sequential ? earlier.members.slice(-1) : earlier.members;
    for (const first of firsts) for (const then of thens) push(first, earlier, then, later);
  }
}

const lossPolicies: readonly string[] = ["stop", "demote", "fence", "freeze"];

/** rsc_ticket, with `rsc`/`rsc-role` or resource sets (each set's `role`). */
function unpackTicket(constraint: XmlElement, context: ConstraintContext, into: TicketConstraint[]): void {
  const attributes = constraint.attributes;
  const ticket = attributes["ticket"];
  if (ticket === undefined) return;
  const policy = attributes["loss-policy"]?.toLowerCase();
  const base = {
    id: attributes["id"] ?? "",
    ticket,
    lossPolicy: policy !== undefined && lossPolicies.includes(policy) ? (policy as TicketLossPolicy) : undefined,
  };
  const roleOf = (text: string | undefined): TicketConstraint["role"] => {
    const role = parseRole(text);
    return role === "Started" ? undefined : role;
  };
  const sets = readSets(constraint, context);
  if (sets.length === 0) {
    for (const resourceId of expand(attributes["rsc"], context)) {
      into.push({ ...base, resourceId, role: roleOf(attributes["rsc-role"]) });
    }
    return;
  }
  for (const set of sets) {
    for (const resourceId of set.members) into.push({ ...base, resourceId, role: roleOf(set.role) });
  }
}
