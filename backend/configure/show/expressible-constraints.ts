import type { XmlElement } from "../../cib/index.js";
import { childElements, firstChild } from "../../cib/index.js";
import {
  attributeSetCheck,
  headIdReadable,
  isAscii,
  nvpairCheck,
  resourceChecks,
  ruleCheck,
} from "./expressible.js";

/** Shape checks for constraints and the other top-level objects (see expressible.ts). */
type Check = (element: XmlElement) => boolean;

function onlyAttributes(element: XmlElement, allowed: readonly string[]): boolean {
  return Object.entries(element.attributes).every(
    ([name, value]) => allowed.includes(name) && isAscii(value),
  );
}

function onlyChildren(element: XmlElement, allowed: Readonly<Record<string, Check>>): boolean {
  return element.children.every((child) => {
    if (child.kind === "comment") return true;
    if (child.kind === "text") return false;
    const check = allowed[child.name];
    return check !== undefined && check(child);
  });
}

const has = (element: XmlElement, name: string): boolean => element.attributes[name] !== undefined;

function resourceSet(qualifier: "role" | "action" | "both"): Check {
  const attributes = ["id", "sequential", "require-all"];
  if (qualifier !== "action") attributes.push("role");
  if (qualifier !== "role") attributes.push("action");
  return (set) =>
    onlyAttributes(set, attributes) &&
    set.attributes["sequential"] !== "true" &&
    set.attributes["require-all"] !== "true" &&
    childElements(set).length > 0 &&
    onlyChildren(set, { resource_ref: (reference) => onlyAttributes(reference, ["id"]) });
}

/**
 * crmsh writes plain sets one after another without brackets, and its parser starts a new
 * set only where the role or action changes: two adjacent plain sets with the same
 * qualifier would read back as one.
 */
function setsSeparable(element: XmlElement, qualifier: "role" | "action"): boolean {
  let previous: XmlElement | undefined;
  for (const set of childElements(element, "resource_set")) {
    const plain =
      set.attributes["sequential"] !== "false" && set.attributes["require-all"] !== "false";
    if (plain && previous !== undefined) {
      if (previous.attributes[qualifier] === set.attributes[qualifier]) return false;
    }
    previous = plain ? set : undefined;
  }
  return true;
}

const location: Check = (element) => {
  const allowed = [
    "id",
    "rsc",
    "rsc-pattern",
    "role",
    "resource-discovery",
    "score",
    "score-attribute",
    "node",
  ];
  if (!onlyAttributes(element, allowed)) return false;
  if (!onlyChildren(element, { rule: ruleCheck, resource_set: resourceSet("role") })) return false;
  if (!setsSeparable(element, "role")) return false;
  const rules = childElements(element, "rule").length;
  const hasNode = has(element, "node");
  if (hasNode === rules > 0) return false;
  if (!hasNode && (has(element, "score") || has(element, "score-attribute"))) return false;
  const sets = firstChild(element, "resource_set") !== undefined;
  return [has(element, "rsc"), has(element, "rsc-pattern"), sets].filter(Boolean).length === 1;
};

function twoOrSets(element: XmlElement, first: string, second: string): boolean {
  const sets = firstChild(element, "resource_set") !== undefined;
  const pair = has(element, first) && has(element, second);
  return sets !== pair;
}

const colocation: Check = (element) =>
  onlyAttributes(element, [
    "id",
    "score",
    "score-attribute",
    "rsc",
    "with-rsc",
    "rsc-role",
    "with-rsc-role",
    "rsc-instance",
    "with-rsc-instance",
    "node-attribute",
  ]) &&
  (has(element, "score") || has(element, "score-attribute")) &&
  onlyChildren(element, { resource_set: resourceSet("role") }) &&
  setsSeparable(element, "role") &&
  twoOrSets(element, "rsc", "with-rsc");

const order: Check = (element) =>
  onlyAttributes(element, [
    "id",
    "kind",
    "symmetrical",
    "first",
    "then",
    "first-action",
    "then-action",
    "first-instance",
    "then-instance",
  ]) &&
  onlyChildren(element, { resource_set: resourceSet("action") }) &&
  setsSeparable(element, "action") &&
  twoOrSets(element, "first", "then");

const ticket: Check = (element) => {
  if (!onlyAttributes(element, ["id", "ticket", "rsc", "rsc-role", "loss-policy"])) return false;
  if (!onlyChildren(element, { resource_set: resourceSet("role") })) return false;
  if (!setsSeparable(element, "role")) return false;
  return has(element, "rsc") !== (firstChild(element, "resource_set") !== undefined);
};

/** The property parser reads rules first, then nvpairs: a rule after an nvpair is an error. */
function rulesFirst(element: XmlElement): boolean {
  const tags = childElements(element).map((child) => child.name);
  const firstNvpair = tags.indexOf("nvpair");
  return firstNvpair < 0 || tags.lastIndexOf("rule") < firstNvpair;
}

const propertySet: Check = (element) =>
  onlyAttributes(element, ["id"]) &&
  headIdReadable(element.attributes["id"]) &&
  onlyChildren(element, { rule: ruleCheck, nvpair: nvpairCheck }) &&
  rulesFirst(element);

const word = /^[\w-]+$/;

/** Targets as the parser reads them back: `node:`, `attr:NAME=VALUE` of words, `pattern:…`. */
function targetReadable(level: XmlElement): boolean {
  const { attributes } = level;
  if (attributes["target-pattern"] !== undefined) return true;
  if (attributes["target-attribute"] !== undefined) {
    return word.test(attributes["target-attribute"]) && word.test(attributes["target-value"] ?? "");
  }
  return !(attributes["target"] ?? "").includes(":");
}

const fencingLevel: Check = (level) =>
  targetReadable(level) &&
  onlyAttributes(level, [
    "id",
    "target",
    "target-pattern",
    "target-attribute",
    "target-value",
    "index",
    "devices",
  ]) &&
  level.children.length === 0;
const fencingTopology: Check = (element) =>
  onlyAttributes(element, []) && onlyChildren(element, { "fencing-level": fencingLevel });

const permission: Check = (element) =>
  onlyAttributes(element, [
    "id",
    "kind",
    "xpath",
    "reference",
    "object-type",
    "attribute",
    "description",
  ]) && element.children.length === 0;
const legacyRight: Check = (element) =>
  onlyAttributes(element, ["id", "xpath", "ref", "tag", "attribute"]);
const idOnly: Check = (element) => onlyAttributes(element, ["id"]) && element.children.length === 0;

const recipient: Check = (element) =>
  onlyAttributes(element, ["id", "value"]) &&
  onlyChildren(element, {
    instance_attributes: attributeSetCheck,
    meta_attributes: attributeSetCheck,
  });
const select: Check = (element) =>
  onlyAttributes(element, []) &&
  onlyChildren(element, {
    select_nodes: idOnly,
    select_fencing: idOnly,
    select_resources: idOnly,
    select_attributes: (attributes) =>
      onlyChildren(attributes, { attribute: (one) => onlyAttributes(one, ["id", "name"]) }),
  });
/** crmsh's parser names recipients `<alert>-recipient-<n>`; other ids do not survive. */
function recipientIdsAsParsed(alert: XmlElement): boolean {
  const id = String(alert.attributes["id"]);
  return childElements(alert, "recipient").every(
    (recipient, index) => recipient.attributes["id"] === `${id}-recipient-${index + 1}`,
  );
}

const alert: Check = (element) =>
  onlyAttributes(element, ["id", "path", "description"]) &&
  recipientIdsAsParsed(element) &&
  onlyChildren(element, {
    instance_attributes: attributeSetCheck,
    meta_attributes: attributeSetCheck,
    select,
    recipient,
  });

const objectChecks: Readonly<Record<string, Check>> = {
  ...resourceChecks,
  rsc_location: location,
  rsc_colocation: colocation,
  rsc_order: order,
  rsc_ticket: ticket,
  cluster_property_set: propertySet,
  meta_attributes: propertySet,
  "fencing-topology": fencingTopology,
  tag: (element) => onlyAttributes(element, ["id"]) && onlyChildren(element, { obj_ref: idOnly }),
  acl_role: (element) =>
    onlyAttributes(element, ["id", "description"]) &&
    onlyChildren(element, {
      acl_permission: permission,
      read: legacyRight,
      write: legacyRight,
      deny: legacyRight,
    }),
  acl_target: (element) =>
    onlyAttributes(element, ["id"]) && onlyChildren(element, { role: idOnly }),
  acl_group: (element) =>
    onlyAttributes(element, ["id"]) && onlyChildren(element, { role: idOnly }),
  acl_user: (element) =>
    onlyAttributes(element, ["id"]) &&
    onlyChildren(element, {
      role_ref: idOnly,
      read: legacyRight,
      write: legacyRight,
      deny: legacyRight,
    }),
  alert,
};

const memberTags = new Set(["primitive", "group"]);
const containerTags = new Set(["group", "clone", "master", "bundle"]);

/**
 * Comments below an object's own children are lost in the CLI text (only the object's own
 * comments print, above it). Member resources are objects of their own and not searched.
 */
function hasNestedComment(element: XmlElement, isObject: boolean): boolean {
  for (const child of element.children) {
    if (child.kind === "comment" && !isObject) return true;
    if (child.kind !== "element") continue;
    if (isObject && containerTags.has(element.name) && memberTags.has(child.name)) continue;
    if (hasNestedComment(child, false)) return true;
  }
  return false;
}

/** True when crmsh prints this top-level element in its CLI syntax (else as `xml <…>`). */
export function isExpressible(element: XmlElement): boolean {
  const check = objectChecks[element.name];
  return check !== undefined && check(element) && !hasNestedComment(element, true);
}
