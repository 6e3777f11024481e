import type { XmlElement } from "../../backend/cib/index.js";
import type { ElementRule, RuleTable } from "./validate-rule.js";
import { atMostOne, excluded, has, idRefForm } from "./validate-rule.js";
import { oneOf } from "./validate-values.js";

/**
 * Name/value sets (nvset-3.9), rules and expressions (rule-3.9) as pacemaker-3.9 allows them.
 * Sets differ by the nvpair names their context refuses (options-3.9, resources-3.9).
 */

/** Cluster options Pacemaker renamed or dropped; the schema refuses them in crm_config. */
const clusterNamesRefused = [
  "cluster_recheck_interval",
  "dc_deadtime",
  "default-action-timeout",
  "default_action_timeout",
  "default-migration-threshold",
  "default_migration_threshold",
  "default-resource-failure-stickiness",
  "default_resource_failure_stickiness",
  "default-resource-stickiness",
  "default_resource_stickiness",
  "election_timeout",
  "expected-quorum-votes",
  "is-managed-default",
  "is_managed_default",
  "no_quorum_policy",
  "notification-agent",
  "notification-recipient",
  "remove_after_stop",
  "shutdown_escalation",
  "startup_fencing",
  "stonith_action",
  "stonith_enabled",
  "stop_orphan_actions",
  "stop_orphan_resources",
  "symmetric_cluster",
  "transition_idle_timeout",
];
const clusterInfrastructuresRefused = [
  "heartbeat",
  "openais",
  "classic openais",
  "classic openais (with plugin)",
  "cman",
];
const primitiveMetaRefused = [
  "isolation",
  "isolation-host",
  "isolation-instance",
  "isolation-wrapper",
];
const operationMetaRefused = ["requires"];

function refusedName(names: readonly string[]): (node: XmlElement) => string[] {
  return (node) => {
    const name = node.attributes["name"];
    if (has(node, "id-ref") || name === undefined || !names.includes(name)) return [];
    return [`nvpair name "${name}" is not allowed here (Pacemaker no longer supports it)`];
  };
}

function clusterNvpair(node: XmlElement): string[] {
  const refused = refusedName(clusterNamesRefused)(node);
  const value = node.attributes["value"];
  if (node.attributes["name"] === "cluster-infrastructure" && !has(node, "id-ref")) {
    if (value === undefined) refused.push('cluster-infrastructure expects attribute "value"');
    else if (clusterInfrastructuresRefused.includes(value)) {
      refused.push(`cluster-infrastructure "${value}" is not allowed (no longer supported)`);
    }
  }
  return refused;
}

function nvpairRule(refuse: (node: XmlElement) => string[]): ElementRule {
  return {
    attributes: { id: "id", "id-ref": "idref", name: "text", value: "text" },
    check: (node) => {
      if (has(node, "id-ref")) return excluded(node, ["id", "value"], 'with "id-ref"');
      const problems = has(node, "id") ? [] : ['expected attribute "id" or "id-ref"'];
      if (!has(node, "name")) problems.push('expected attribute "name"');
      return [...problems, ...refuse(node)];
    },
  };
}

function nvsetRule(nvpair: string): ElementRule {
  return {
    attributes: { id: "id", "id-ref": "idref", score: "score" },
    children: { rule: { rule: "rule", max: 1 }, nvpair: { rule: nvpair } },
    check: (node) => idRefForm(node),
  };
}

const ruleRule: ElementRule = {
  attributes: {
    id: "id",
    "id-ref": "idref",
    "boolean-op": oneOf("or", "and"),
    role: "text",
    score: "score",
    "score-attribute": "text",
  },
  children: {
    expression: { rule: "expression" },
    date_expression: { rule: "date_expression" },
    rule: { rule: "rule" },
    rsc_expression: { rule: "rsc_expression" },
    op_expression: { rule: "op_expression" },
  },
  check: (node) => {
    const problems = [...idRefForm(node), ...atMostOne(node, ["score", "score-attribute"])];
    if (has(node, "id-ref")) return problems;
    const terms = node.children.filter((child) => child.kind === "element").length;
    return terms === 0 ? [...problems, "expected at least one expression or rule"] : problems;
  },
};

const expressionRule: ElementRule = {
  attributes: {
    id: "id",
    attribute: "text",
    operation: oneOf("lt", "gt", "lte", "gte", "eq", "ne", "defined", "not_defined"),
    value: "text",
    type: oneOf("string", "integer", "number", "version"),
    "value-source": oneOf("literal", "param", "meta"),
  },
  required: ["id", "attribute", "operation"],
};

const dateFields = ["years", "months", "weeks", "days", "hours", "minutes", "seconds"];
const durationExtras = ["monthdays", "weekdays", "yearsdays", "weekyears", "moon"];
const dateSpecFields = [
  "years",
  "months",
  "monthdays",
  "hours",
  "minutes",
  "seconds",
  "yeardays",
  "weekyears",
  "weeks",
  "weekdays",
  "moon",
  "yearsdays",
];

function textAttributes(names: readonly string[]): Record<string, "text" | "id"> {
  return Object.fromEntries([["id", "id"], ...names.map((name) => [name, "text"])]) as Record<
    string,
    "text" | "id"
  >;
}

function dateExpressionCheck(node: XmlElement): string[] {
  const operation = node.attributes["operation"];
  const duration = node.children.some(
    (child) => child.kind === "element" && child.name === "duration",
  );
  const spec = node.children.some(
    (child) => child.kind === "element" && child.name === "date_spec",
  );
  const problems: string[] = [];
  if (operation !== "in_range" && duration)
    problems.push('"duration" is allowed only with in_range');
  if (operation !== "date_spec" && spec)
    problems.push('"date_spec" is allowed only with date_spec');
  if (operation === "in_range" && !has(node, "start") && !has(node, "end")) {
    problems.push('in_range expects "start" or "end"');
  }
  if (operation === "gt") problems.push(...excludedOrMissing(node, "start", "end"));
  if (operation === "lt") problems.push(...excludedOrMissing(node, "end", "start"));
  if (operation === "date_spec") {
    problems.push(...excluded(node, ["start", "end"], "with date_spec"));
    if (!spec) problems.push('date_spec expects a "date_spec" child');
  }
  return problems;
}

function excludedOrMissing(node: XmlElement, needed: string, refused: string): string[] {
  const problems = excluded(node, [refused], `with operation "${node.attributes["operation"]}"`);
  return has(node, needed) ? problems : [...problems, `expected attribute "${needed}"`];
}

export const setRules: RuleTable = {
  nvset: nvsetRule("nvpair"),
  nvset_cluster: nvsetRule("nvpair_cluster"),
  nvset_primitive_meta: nvsetRule("nvpair_primitive_meta"),
  nvset_operation_meta: nvsetRule("nvpair_operation_meta"),
  nvpair: nvpairRule(() => []),
  nvpair_cluster: nvpairRule(clusterNvpair),
  nvpair_primitive_meta: nvpairRule(refusedName(primitiveMetaRefused)),
  nvpair_operation_meta: nvpairRule(refusedName(operationMetaRefused)),
  rule: ruleRule,
  expression: expressionRule,
  date_expression: {
    attributes: {
      id: "id",
      operation: oneOf("in_range", "gt", "lt", "date_spec"),
      start: "text",
      end: "text",
    },
    required: ["id", "operation"],
    children: {
      duration: { rule: "duration", max: 1 },
      date_spec: { rule: "date_spec", max: 1 },
    },
    check: dateExpressionCheck,
  },
  duration: { attributes: textAttributes([...dateFields, ...durationExtras]), required: ["id"] },
  date_spec: { attributes: textAttributes(dateSpecFields), required: ["id"] },
  rsc_expression: {
    attributes: { id: "id", class: "text", provider: "text", type: "text" },
    required: ["id"],
  },
  op_expression: {
    attributes: { id: "id", name: "text", interval: "text" },
    required: ["id", "name"],
  },
  lifetime: { attributes: {}, children: { rule: { rule: "rule", min: 1 } } },
};
