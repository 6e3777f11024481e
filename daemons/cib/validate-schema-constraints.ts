import type { XmlElement } from "../../backend/cib/index.js";
import type { ElementRule, RuleTable } from "./validate-rule.js";
import { atMostOne, elementCount, excluded, exactlyOne, has, idRefForm } from "./validate-rule.js";
import { roles } from "./validate-schema-resources.js";
import { oneOf } from "./validate-values.js";

/** The constraints section as pacemaker-3.9 allows it (constraints-3.9). */

const actions = oneOf("start", "promote", "demote", "stop");
const orderKinds = oneOf("Optional", "Mandatory", "Serialize");

/** Constraints name their resources either by attributes or by resource sets, never both. */
function setsOrAttributes(
  node: XmlElement,
  required: readonly string[],
  optional: readonly string[],
): string[] {
  if (elementCount(node, ["resource_set"]) > 0) {
    return excluded(node, [...required, ...optional], "with resource sets");
  }
  const missing = required.filter((name) => !has(node, name));
  if (missing.length === 0) return [];
  return [
    `expected attribute${missing.length > 1 ? "s" : ""} ${missing.map((name) => `"${name}"`).join(", ")} or resource sets`,
  ];
}

function locationCheck(node: XmlElement): string[] {
  const problems: string[] = [];
  if (elementCount(node, ["resource_set"]) > 0) {
    problems.push(...excluded(node, ["rsc", "rsc-pattern", "role"], "with resource sets"));
  } else problems.push(...exactlyOne(node, ["rsc", "rsc-pattern"]));
  if (elementCount(node, ["rule"]) > 0) {
    problems.push(...excluded(node, ["score", "node"], "with rules"));
  } else if (!has(node, "score") || !has(node, "node")) {
    problems.push('expected attributes "score" and "node", or rules');
  }
  return problems;
}

const resourceSetRule: ElementRule = {
  attributes: {
    id: "id",
    "id-ref": "idref",
    sequential: "boolean",
    "require-all": "boolean",
    ordering: oneOf("group", "listed"),
    action: actions,
    role: roles,
    score: "score",
    kind: orderKinds,
  },
  children: { resource_ref: { rule: "resource_ref" } },
  check: (node) => {
    const problems = [...idRefForm(node), ...atMostOne(node, ["score", "kind"])];
    if (!has(node, "id-ref") && elementCount(node, ["resource_ref"]) === 0) {
      problems.push('expected at least one "resource_ref"');
    }
    return problems;
  },
};

export const constraintRules: RuleTable = {
  constraints: {
    attributes: {},
    children: {
      rsc_location: { rule: "rsc_location" },
      rsc_colocation: { rule: "rsc_colocation" },
      rsc_order: { rule: "rsc_order" },
      rsc_ticket: { rule: "rsc_ticket" },
    },
  },
  rsc_location: {
    attributes: {
      id: "id",
      rsc: "idref",
      "rsc-pattern": "text",
      role: roles,
      score: "score",
      node: "text",
      "resource-discovery": oneOf("always", "never", "exclusive"),
    },
    required: ["id"],
    children: {
      resource_set: { rule: "resource_set" },
      rule: { rule: "rule" },
      lifetime: { rule: "lifetime", max: 1 },
    },
    order: [["resource_set"], ["rule"], ["lifetime"]],
    check: locationCheck,
  },
  rsc_colocation: {
    attributes: {
      id: "id",
      score: "score",
      influence: "text",
      rsc: "idref",
      "with-rsc": "idref",
      "node-attribute": "text",
      "rsc-role": roles,
      "with-rsc-role": roles,
    },
    required: ["id"],
    children: { lifetime: { rule: "lifetime", max: 1 }, resource_set: { rule: "resource_set" } },
    order: [["lifetime"], ["resource_set"]],
    check: (node) =>
      setsOrAttributes(node, ["rsc", "with-rsc"], ["node-attribute", "rsc-role", "with-rsc-role"]),
  },
  rsc_order: {
    attributes: {
      id: "id",
      symmetrical: "boolean",
      "require-all": "boolean",
      score: "score",
      kind: orderKinds,
      first: "idref",
      then: "idref",
      "first-action": actions,
      "then-action": actions,
    },
    required: ["id"],
    children: { lifetime: { rule: "lifetime", max: 1 }, resource_set: { rule: "resource_set" } },
    order: [["lifetime"], ["resource_set"]],
    check: (node) => [
      ...atMostOne(node, ["score", "kind"]),
      ...setsOrAttributes(node, ["first", "then"], ["first-action", "then-action"]),
    ],
  },
  rsc_ticket: {
    attributes: {
      id: "id",
      rsc: "idref",
      "rsc-role": roles,
      ticket: "text",
      "loss-policy": oneOf("stop", "demote", "fence", "freeze"),
    },
    required: ["id", "ticket"],
    children: { resource_set: { rule: "resource_set" } },
    check: (node) => setsOrAttributes(node, ["rsc"], ["rsc-role"]),
  },
  resource_set: resourceSetRule,
  resource_ref: { attributes: { id: "idref" }, required: ["id"] },
};
