import type { XmlElement } from "../../cib/index.js";
import { childElements } from "../../cib/index.js";
import { needsNoQuotes } from "./format.js";

/**
 * Whether crmsh's CLI syntax can say everything an element holds. crmsh decides this by
 * printing an object, parsing the text back and comparing the XML; what does not survive is
 * shown as `xml <…>` instead. Here the same decision is made from the shapes its parser
 * produces: known attributes and children per element, nothing else (no text, no stray tags).
 */
type Check = (element: XmlElement) => boolean;

interface Shape {
  readonly attributes: readonly string[];
  readonly children?: Readonly<Record<string, Check>>;
  readonly extra?: Check;
}

function shaped(shape: Shape): Check {
  return (element) => {
    for (const [name, value] of Object.entries(element.attributes)) {
      if (!shape.attributes.includes(name) || !isAscii(value)) return false;
    }
    for (const child of element.children) {
      if (child.kind === "text") return false;
      if (child.kind !== "element") continue;
      const check = shape.children?.[child.name];
      if (check === undefined || !check(child)) return false;
    }
    return shape.extra === undefined || shape.extra(element);
  };
}

/** crmsh turns non-ASCII input into character references, so such values never round-trip. */
// eslint-disable-next-line no-control-regex
export const isAscii = (value: string): boolean => !/[^\u0000-\u007f]/.test(value);

/**
 * An id printed as `ID:` (node, property) must read back through crmsh's `[\w-]+:` pattern;
 * ids needing quotes print as `$id="…"` and read back whole.
 */
export function headIdReadable(id: string | undefined): boolean {
  return id === undefined || !needsNoQuotes(id) || /^[\w-]+$/.test(id);
}

const has = (element: XmlElement, name: string): boolean => element.attributes[name] !== undefined;
const leaf = (...attributes: string[]): Check => shaped({ attributes });

const expression = shaped({
  attributes: ["id", "attribute", "operation", "value", "type", "value-source"],
  // value-source="literal" is the default, printed as nothing and so read back as nothing.
  extra: (element) =>
    has(element, "attribute") &&
    has(element, "operation") &&
    element.attributes["value-source"] !== "literal",
});
const dateParts = [
  "id",
  "hours",
  "monthdays",
  "weekdays",
  "yearsdays",
  "months",
  "weeks",
  "years",
  "weekyears",
  "moon",
  "minutes",
  "seconds",
];
const dateExpression = shaped({
  attributes: ["id", "operation", "start", "end"],
  children: { duration: leaf(...dateParts), date_spec: leaf(...dateParts) },
  extra: (element) => {
    const operation = element.attributes["operation"];
    if (operation === "lt") return !has(element, "start") && element.children.length === 0;
    if (operation === "gt") return !has(element, "end") && element.children.length === 0;
    return operation === "in_range" || operation === "date_spec";
  },
});
const rule = shaped({
  attributes: ["id", "id-ref", "score", "score-attribute", "boolean-op", "role"],
  children: { expression, date_expression: dateExpression },
  extra: (element) => {
    if (has(element, "id-ref")) return !has(element, "score") && element.children.length === 0;
    if (has(element, "score") && has(element, "score-attribute")) return false;
    if (!has(element, "score") && !has(element, "score-attribute")) return false;
    const expressions = childElements(element).length;
    const operation = element.attributes["boolean-op"];
    return expressions > 0 && (operation === undefined || (operation === "or" && expressions > 1));
  },
});
const nvpair = shaped({
  attributes: ["id", "id-ref", "name", "value"],
  extra: (element) => (has(element, "id-ref") ? !has(element, "value") : has(element, "name")),
});
const attributeSet = shaped({
  attributes: ["id", "id-ref", "score"],
  children: { rule, nvpair },
  extra: (element) => !has(element, "id-ref") || element.children.length === 0,
});

/**
 * The agent reads back as printed: a bare type becomes ocf:heartbeat (crmsh picks that
 * provider), so ocf needs its provider; no part may hold a colon.
 */
function agentReadable(element: XmlElement): boolean {
  const { type } = element.attributes;
  const agentClass = element.attributes["class"];
  const provider = element.attributes["provider"];
  if (agentClass === undefined || (agentClass === "ocf" && provider === undefined)) return false;
  return [agentClass, provider ?? "", type ?? ""].every((part) => !part.includes(":"));
}

const operationAttributes = [
  "id",
  "name",
  "interval",
  "timeout",
  "description",
  "start-delay",
  "interval-origin",
  "enabled",
  "record-pending",
  "role",
  "on-fail",
];
const operation = shaped({
  attributes: operationAttributes,
  children: { instance_attributes: attributeSet, meta_attributes: attributeSet },
  extra: (element) => has(element, "name") && has(element, "interval"),
});
// An empty <operations/> prints as nothing at all and so does not come back.
const operations = shaped({
  attributes: ["id", "id-ref"],
  children: { op: operation },
  extra: (element) =>
    has(element, "id") || has(element, "id-ref") || childElements(element, "op").length > 0,
});
const resourceChildren = {
  instance_attributes: attributeSet,
  meta_attributes: attributeSet,
  utilization: attributeSet,
  operations,
};
const primitive = shaped({
  attributes: ["id", "class", "provider", "type", "template", "description"],
  children: resourceChildren,
  extra: (element) =>
    has(element, "template")
      ? !has(element, "type") && !has(element, "class")
      : has(element, "type") && agentReadable(element),
});
const template = shaped({
  attributes: ["id", "class", "provider", "type", "description"],
  children: resourceChildren,
  extra: (element) => has(element, "type") && agentReadable(element),
});
const accept: Check = () => true;
const group = shaped({
  attributes: ["id", "description"],
  children: { instance_attributes: attributeSet, meta_attributes: attributeSet, primitive: accept },
});
const clone = shaped({
  attributes: ["id", "description"],
  children: {
    instance_attributes: attributeSet,
    meta_attributes: attributeSet,
    primitive: accept,
    group: accept,
  },
  extra: (element) =>
    childElements(element).filter((child) => child.name === "primitive" || child.name === "group")
      .length === 1,
});
const bundle = shaped({
  attributes: ["id", "description"],
  children: {
    docker: shaped({
      attributes: [
        "image",
        "replicas",
        "replicas-per-host",
        "promoted-max",
        "masters",
        "run-command",
        "network",
        "options",
      ],
    }),
    network: shaped({
      attributes: ["ip-range-start", "control-port", "host-interface", "host-netmask", "add-host"],
      children: { "port-mapping": leaf("id", "port", "internal-port", "range") },
    }),
    storage: shaped({
      attributes: [],
      children: {
        "storage-mapping": leaf("id", "source-dir", "source-dir-root", "target-dir", "options"),
      },
    }),
    primitive: accept,
    meta_attributes: attributeSet,
    instance_attributes: attributeSet,
  },
});
const node = shaped({
  attributes: ["id", "uname", "type", "description"],
  children: { instance_attributes: attributeSet, utilization: attributeSet },
  extra: (element) =>
    has(element, "uname") &&
    (element.attributes["id"] === element.attributes["uname"] ||
      headIdReadable(element.attributes["id"])),
});

export const resourceChecks: Readonly<Record<string, Check>> = {
  node,
  primitive,
  template,
  group,
  clone,
  master: clone,
  bundle,
};
export { attributeSet as attributeSetCheck, rule as ruleCheck, nvpair as nvpairCheck };
