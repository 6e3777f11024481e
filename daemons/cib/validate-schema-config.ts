import type { XmlElement } from "../../backend/cib/index.js";
import type { RuleTable } from "./validate-rule.js";
import { exactlyOne, excluded, has, onlyWith } from "./validate-rule.js";
import { parseXpath } from "./acl-xpath-parse.js";
import { oneOf } from "./validate-values.js";

/**
 * The document root, the configuration's sections, nodes, ACLs, tags, fencing topology and
 * alerts as pacemaker-3.9 allows them; status holds anything (status-1.0).
 */

const schemaVersions = [
  "pacemaker-1.0",
  "pacemaker-1.2",
  "pacemaker-1.3",
  ...["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"].map(
    (minor) => `pacemaker-2.${minor}`,
  ),
  ...["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"].map((minor) => `pacemaker-3.${minor}`),
];
const validateWith = oneOf(
  "none",
  "pacemaker-0.6",
  "transitional-0.6",
  "pacemaker-0.7",
  "pacemaker-1.1",
  "pacemaker-next",
  ...schemaVersions,
);

const devicesPattern = /^[a-zA-Z0-9_.-]+(,[a-zA-Z0-9_.-]+)*$/;

function fencingLevelCheck(node: XmlElement): string[] {
  const targets = ["target", "target-pattern", "target-attribute"].filter((name) =>
    has(node, name),
  );
  if (targets.length === 0) {
    if (has(node, "target-value")) return ['attribute "target-value" needs "target-attribute"'];
    return ['expected attribute "target", "target-pattern" or "target-attribute"'];
  }
  if (targets.length > 1) return [`expected only one of the attributes ${targets.join(", ")}`];
  if (targets[0] === "target-attribute") {
    return has(node, "target-value") ? [] : ['attribute "target-attribute" needs "target-value"'];
  }
  return excluded(node, ["target-value"], `with "${targets[0] ?? ""}"`);
}

/** An xpath quorate cannot evaluate would silently match nothing: refuse it at write time. */
function xpathProblem(node: XmlElement): string[] {
  const xpath = node.attributes["xpath"];
  if (xpath === undefined) return [];
  const parsed = parseXpath(xpath);
  return parsed.ok ? [] : parsed.issues.map((found) => found.message);
}

function permissionCheck(node: XmlElement): string[] {
  return [
    ...xpathProblem(node),
    ...exactlyOne(node, ["xpath", "reference", "object-type"]),
    ...onlyWith(node, "attribute", "object-type"),
  ];
}

const sectionOnce = (rule: string, required = false) =>
  required ? { rule, min: 1, max: 1 } : { rule, max: 1 };

export const configRules: RuleTable = {
  cib: {
    attributes: {
      "validate-with": validateWith,
      admin_epoch: "non_negative_integer",
      epoch: "non_negative_integer",
      num_updates: "non_negative_integer",
      crm_feature_set: "text",
      "remote-tls-port": "non_negative_integer",
      "remote-clear-port": "non_negative_integer",
      "have-quorum": "boolean",
      "dc-uuid": "text",
      "cib-last-written": "text",
      "no-quorum-panic": "boolean",
      "update-origin": "text",
      "update-client": "text",
      "update-user": "text",
      "execution-date": "text",
    },
    required: ["admin_epoch", "epoch", "num_updates"],
    children: {
      configuration: sectionOnce("configuration", true),
      status: sectionOnce("status"),
    },
    order: [["configuration"], ["status"]],
  },
  configuration: {
    attributes: {},
    children: {
      crm_config: sectionOnce("crm_config", true),
      rsc_defaults: sectionOnce("defaults"),
      op_defaults: sectionOnce("defaults"),
      nodes: sectionOnce("nodes", true),
      resources: sectionOnce("resources", true),
      constraints: sectionOnce("constraints", true),
      "fencing-topology": sectionOnce("fencing_topology"),
      acls: sectionOnce("acls"),
      tags: sectionOnce("tags"),
      alerts: sectionOnce("alerts"),
    },
  },
  crm_config: { attributes: {}, children: { cluster_property_set: { rule: "nvset_cluster" } } },
  defaults: { attributes: {}, children: { meta_attributes: { rule: "nvset" } } },
  nodes: { attributes: {}, children: { node: { rule: "node" } } },
  node: {
    attributes: {
      id: "text",
      uname: "text",
      type: oneOf("member", "ping", "remote"),
      description: "text",
      score: "score",
    },
    required: ["id", "uname"],
    children: { instance_attributes: { rule: "nvset" }, utilization: { rule: "nvset" } },
  },
  acls: {
    attributes: {},
    children: {
      acl_target: { rule: "acl_target" },
      acl_group: { rule: "acl_group" },
      acl_role: { rule: "acl_role" },
    },
  },
  acl_target: {
    attributes: { id: "text", name: "text" },
    required: ["id"],
    children: { role: { rule: "acl_role_reference" } },
  },
  acl_group: {
    attributes: { id: "id", name: "text" },
    required: ["id"],
    children: { role: { rule: "acl_role_reference" } },
  },
  acl_role_reference: { attributes: { id: "idref" }, required: ["id"] },
  acl_role: {
    attributes: { id: "id", description: "text" },
    required: ["id"],
    children: { acl_permission: { rule: "acl_permission" } },
  },
  acl_permission: {
    attributes: {
      id: "id",
      kind: oneOf("read", "write", "deny"),
      xpath: "text",
      reference: "idref",
      "object-type": "text",
      attribute: "text",
      description: "text",
    },
    required: ["id", "kind"],
    check: permissionCheck,
  },
  tags: { attributes: {}, children: { tag: { rule: "tag" } } },
  tag: {
    attributes: { id: "id" },
    required: ["id"],
    children: { obj_ref: { rule: "obj_ref", min: 1 } },
  },
  obj_ref: { attributes: { id: "text" }, required: ["id"] },
  fencing_topology: { attributes: {}, children: { "fencing-level": { rule: "fencing_level" } } },
  fencing_level: {
    attributes: {
      id: "id",
      target: "text",
      "target-pattern": "text",
      "target-attribute": "text",
      "target-value": "text",
      index: "positive_integer",
      devices: { pattern: devicesPattern, expected: "comma-separated device ids" },
    },
    required: ["id", "index", "devices"],
    check: fencingLevelCheck,
  },
  alerts: { attributes: {}, children: { alert: { rule: "alert" } } },
  alert: {
    attributes: { id: "id", description: "text", path: "text" },
    required: ["id", "path"],
    children: {
      meta_attributes: { rule: "nvset" },
      instance_attributes: { rule: "nvset" },
      select: { rule: "alert_select", max: 1 },
      recipient: { rule: "recipient" },
    },
  },
  alert_select: {
    attributes: {},
    children: {
      select_attributes: { rule: "select_attributes", max: 1 },
      select_fencing: { rule: "empty", max: 1 },
      select_nodes: { rule: "empty", max: 1 },
      select_resources: { rule: "empty", max: 1 },
    },
  },
  select_attributes: { attributes: {}, children: { attribute: { rule: "select_attribute" } } },
  select_attribute: { attributes: { id: "id", name: "text" }, required: ["id", "name"] },
  empty: { attributes: {} },
  recipient: {
    attributes: { id: "id", description: "text", value: "text" },
    required: ["id", "value"],
    children: { meta_attributes: { rule: "nvset" }, instance_attributes: { rule: "nvset" } },
  },
  status: { attributes: {}, anyContent: true },
};
