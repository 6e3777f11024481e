import type { XmlElement } from "../../cib/index.js";
import { childElements } from "../../cib/index.js";
import { alertSetNames, attributeSetText } from "./attribute-sets.js";
import type { ShowContext } from "./context.js";
import { quoteWrap } from "./format.js";
import type { ObjectPrinter } from "./object-text.js";

function selectText(select: XmlElement): string {
  const parts = ["select"];
  for (const child of childElements(select)) {
    if (!child.name.startsWith("select_")) continue;
    // crmsh strips the prefix with lstrip("select_"), a character set, not a prefix.
    parts.push(child.name.replace(/^[select_]+/, ""));
    if (child.name === "select_attributes") {
      parts.push("{");
      for (const attribute of childElements(child, "attribute")) {
        const name = attribute.attributes["name"];
        if (name !== undefined) parts.push(name);
      }
      parts.push("}");
    }
  }
  return parts.join(" ");
}

/** True when a set follows a recipient: then every recipient is braced to show what is whose. */
function isComplex(alert: XmlElement): boolean {
  const tags = childElements(alert)
    .map((child) => child.name)
    .filter(
      (tag) => tag === "recipient" || tag === "instance_attributes" || tag === "meta_attributes",
    );
  const first = tags.indexOf("recipient");
  if (first < 0) return false;
  return tags.slice(first + 1).some((tag) => tag !== "recipient");
}

function recipientText(recipient: XmlElement, alert: XmlElement, context: ShowContext): string {
  const parts = ["to"];
  const braced = isComplex(alert);
  if (braced) parts.push("{");
  parts.push(quoteWrap(String(recipient.attributes["value"])));
  for (const set of childElements(recipient)) {
    if (set.name === "instance_attributes" || set.name === "meta_attributes") {
      parts.push(attributeSetText(set, alertSetNames, context));
    }
  }
  if (braced) parts.push("}");
  return parts.join(" ");
}

export const alertPrinter: ObjectPrinter = {
  head: (alert) =>
    `alert ${String(alert.attributes["id"])} ${quoteWrap(String(alert.attributes["path"]))}`,
  child(child, context, alert) {
    if (child.name in alertSetNames) return attributeSetText(child, alertSetNames, context);
    if (child.name === "select") return selectText(child);
    if (child.name === "recipient") return recipientText(child, alert, context);
    return undefined;
  },
};

export const tagPrinter: ObjectPrinter = {
  head: (tag) =>
    ["tag", String(tag.attributes["id"])]
      .concat(childElements(tag).map((reference) => String(reference.attributes["id"])))
      .join(" "),
  child: () => undefined,
};
