import type { XmlElement } from "../../backend/cib/index.js";
import type { ElementRule, RuleTable } from "./validate-rule.js";
import { atMostOne, elementCount, exactlyOne, excluded, has } from "./validate-rule.js";
import { oneOf } from "./validate-values.js";
import type { ValueType } from "./validate-values.js";

/** The resources section as pacemaker-3.9 allows it (resources-3.9). */

const roles = oneOf("Stopped", "Started", "Promoted", "Unpromoted", "Slave", "Master");
const nonOcfClasses = ["lsb", "heartbeat", "stonith", "upstart", "service", "systemd", "nagios"];
const resourceClass = oneOf("ocf", ...nonOcfClasses);

/** `class="ocf"` needs a provider, the other classes refuse one; a template stands for both. */
function agentCheck(node: XmlElement, templateAllowed: boolean): string[] {
  if (templateAllowed && has(node, "template")) {
    return excluded(node, ["class", "provider", "type"], 'with "template"');
  }
  const expected = templateAllowed ? '"class" and "type", or "template"' : '"class" and "type"';
  if (!has(node, "class") || !has(node, "type")) return [`expected attributes ${expected}`];
  if (node.attributes["class"] === "ocf") {
    return has(node, "provider") ? [] : ['class "ocf" expects attribute "provider"'];
  }
  return excluded(node, ["provider"], `with class "${node.attributes["class"]}"`);
}

const agentChildren = {
  meta_attributes: { rule: "nvset_primitive_meta" },
  instance_attributes: { rule: "nvset" },
  operations: { rule: "operations", max: 1 },
  utilization: { rule: "nvset" },
};

const primitiveRule: ElementRule = {
  attributes: {
    id: "id",
    class: resourceClass,
    provider: "text",
    type: "text",
    template: "idref",
    description: "text",
  },
  required: ["id"],
  children: agentChildren,
  check: (node) => agentCheck(node, true),
};

const templateRule: ElementRule = {
  attributes: {
    id: "id",
    class: resourceClass,
    provider: "text",
    type: "text",
    description: "text",
  },
  required: ["id"],
  children: agentChildren,
  check: (node) => agentCheck(node, false),
};

const resourceSets = { meta_attributes: { rule: "nvset" }, instance_attributes: { rule: "nvset" } };

/** A clone or promotable clone (`master`) wraps exactly one primitive or group. */
const cloneRule: ElementRule = {
  attributes: { id: "id", description: "text" },
  required: ["id"],
  children: { ...resourceSets, primitive: { rule: "primitive" }, group: { rule: "group" } },
  check: (node) =>
    elementCount(node, ["primitive", "group"]) === 1
      ? []
      : ['expected exactly one "primitive" or "group" child'],
};

const containerAttributes: Record<string, ValueType> = {
  image: "text",
  replicas: "integer",
  "replicas-per-host": "integer",
  masters: "integer",
  "promoted-max": "integer",
  "run-command": "text",
  network: "text",
  options: "text",
};

const containerRule: ElementRule = {
  attributes: containerAttributes,
  required: ["image"],
  check: (node) => atMostOne(node, ["masters", "promoted-max"]),
};

const bundleRule: ElementRule = {
  attributes: { id: "id", description: "text" },
  required: ["id"],
  children: {
    ...resourceSets,
    docker: { rule: "container" },
    rkt: { rule: "container" },
    podman: { rule: "container" },
    network: { rule: "bundle_network", max: 1 },
    storage: { rule: "storage", max: 1 },
    primitive: { rule: "primitive", max: 1 },
  },
  check: (node) =>
    elementCount(node, ["docker", "rkt", "podman"]) === 1
      ? []
      : ['expected exactly one of "docker", "rkt" or "podman"'],
};

const operationRule: ElementRule = {
  attributes: {
    id: "id",
    name: "text",
    interval: "text",
    description: "text",
    "start-delay": "text",
    "interval-origin": "text",
    timeout: "text",
    enabled: "boolean",
    "record-pending": "boolean",
    role: roles,
    "on-fail": oneOf(
      "ignore",
      "block",
      "demote",
      "stop",
      "restart",
      "standby",
      "fence",
      "restart-container",
    ),
  },
  required: ["id", "name", "interval"],
  children: {
    meta_attributes: { rule: "nvset_operation_meta" },
    instance_attributes: { rule: "nvset" },
  },
  check: (node) => atMostOne(node, ["start-delay", "interval-origin"]),
};

export const resourceRules: RuleTable = {
  resources: {
    attributes: {},
    children: {
      primitive: { rule: "primitive" },
      template: { rule: "template" },
      group: { rule: "group" },
      clone: { rule: "clone" },
      master: { rule: "clone" },
      bundle: { rule: "bundle" },
    },
  },
  primitive: primitiveRule,
  template: templateRule,
  group: {
    attributes: { id: "id", description: "text" },
    required: ["id"],
    children: { ...resourceSets, primitive: { rule: "primitive", min: 1 } },
  },
  clone: cloneRule,
  bundle: bundleRule,
  container: containerRule,
  bundle_network: {
    attributes: {
      "ip-range-start": "text",
      "control-port": "integer",
      "host-interface": "text",
      "host-netmask": "integer",
      "add-host": "boolean",
    },
    children: { "port-mapping": { rule: "port_mapping" } },
  },
  port_mapping: {
    attributes: {
      id: "id",
      port: "integer",
      "internal-port": "integer",
      range: { pattern: /^[0-9-]+$/, expected: "a port range such as 8000-8010" },
    },
    required: ["id"],
    check: (node) => [
      ...exactlyOne(node, ["port", "range"]),
      ...(has(node, "internal-port") && !has(node, "port")
        ? ['attribute "internal-port" is allowed only with "port"']
        : []),
    ],
  },
  storage: { attributes: {}, children: { "storage-mapping": { rule: "storage_mapping" } } },
  storage_mapping: {
    attributes: {
      id: "id",
      "source-dir": "text",
      "source-dir-root": "text",
      "target-dir": "text",
      options: "text",
    },
    required: ["id", "target-dir"],
    check: (node) => exactlyOne(node, ["source-dir", "source-dir-root"]),
  },
  operations: {
    attributes: { id: "id", "id-ref": "idref" },
    children: { op: { rule: "op" } },
  },
  op: operationRule,
};

export { roles };
