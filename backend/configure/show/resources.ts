import type { XmlElement } from "../../cib/index.js";
import { childElements } from "../../cib/index.js";
import type { SetNames } from "./attribute-sets.js";
import {
  attributeSetText,
  bundleSetNames,
  containerSetNames,
  nodeSetNames,
  operationSetNames,
  resourceSetNames,
} from "./attribute-sets.js";
import type { ShowContext } from "./context.js";
import { cliFormat, needsNoQuotes, nvpairFormat } from "./format.js";
import type { ObjectPrinter } from "./object-text.js";
import { printObject } from "./object-text.js";

function setPrinter(names: SetNames): ObjectPrinter["child"] {
  return (child, context) =>
    child.name in names ? attributeSetText(child, names, context) : undefined;
}

export const nodePrinter: ObjectPrinter = {
  head(node) {
    const uname = node.attributes["uname"];
    const id = node.attributes["id"] ?? uname;
    let text = "node";
    if (id !== uname && id !== undefined) {
      text = needsNoQuotes(id) ? `${text} ${id}:` : `${text} $id="${id}"`;
    }
    text = `${text} ${String(uname)}`;
    const type = node.attributes["type"];
    if (type !== undefined && type !== "" && type !== "normal") text = `${text}:${type}`;
    return text;
  },
  child: setPrinter(nodeSetNames),
};

/** `X` for ocf:heartbeat:X (or a bare type), else `class:[provider:]type`. */
export function agentText(primitive: XmlElement): string {
  const { type } = primitive.attributes;
  let agentClass = primitive.attributes["class"];
  let provider = primitive.attributes["provider"];
  const unique =
    (agentClass === undefined && provider === undefined) ||
    (agentClass === "ocf" && provider === undefined) ||
    provider === "heartbeat";
  if (unique) {
    agentClass = undefined;
    provider = undefined;
  }
  return `${agentClass ? `${agentClass}:` : ""}${provider ? `${provider}:` : ""}${String(type)}`;
}

const operationPrinter: ObjectPrinter = {
  head(operation) {
    const name = operation.attributes["name"];
    if (name === undefined || name === "") return undefined;
    const parts = [`op ${name}`];
    for (const [attribute, value] of Object.entries(operation.attributes)) {
      if (attribute !== "name" && attribute !== "id") parts.push(nvpairFormat(attribute, value));
    }
    return parts.join(" ");
  },
  child: setPrinter(operationSetNames),
};

function operationsText(operations: XmlElement, context: ShowContext): string {
  const parts: string[] = [];
  const id = operations.attributes["id"];
  const reference = operations.attributes["id-ref"];
  let header = id ? nvpairFormat("$id", id) : "";
  if (reference) header = `${header} ${nvpairFormat("$id-ref", reference)}`;
  if (header !== "") parts.push(`operations ${header}`);
  for (const operation of childElements(operations)) {
    parts.push(printObject(operationPrinter, operation, context) ?? "");
  }
  return cliFormat(parts);
}

function primitiveHead(kind: "primitive" | "rsc_template"): ObjectPrinter["head"] {
  return (primitive) => {
    const template = kind === "primitive" ? primitive.attributes["template"] : undefined;
    const agent = template ? `@${template}` : agentText(primitive);
    return `${kind} ${String(primitive.attributes["id"])} ${agent}`;
  };
}

const resourceSets = setPrinter(resourceSetNames);

function primitiveChild(child: XmlElement, context: ShowContext): string | undefined {
  if (child.name === "operations") return operationsText(child, context);
  return resourceSets(child, context, child);
}

export const primitivePrinter: ObjectPrinter = {
  head: primitiveHead("primitive"),
  child: primitiveChild,
};
export const templatePrinter: ObjectPrinter = {
  head: primitiveHead("rsc_template"),
  child: primitiveChild,
};

/** group, clone and ms: `KIND ID child…`, then description and the sets. */
export function containerPrinter(kind: "group" | "clone" | "ms"): ObjectPrinter {
  return {
    head(container) {
      const children = childElements(container)
        .filter((child) => child.name === "primitive" || child.name === "group")
        .map((child) => String(child.attributes["id"]));
      return `${kind} ${String(container.attributes["id"])} ${children.join(" ")}`;
    },
    child: setPrinter(containerSetNames),
  };
}

export const bundlePrinter: ObjectPrinter = {
  head: (bundle) => `bundle ${String(bundle.attributes["id"])}`,
  child: (child, context) => attributeSetText(child, bundleSetNames, context),
};
