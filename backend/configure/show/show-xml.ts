import type { XmlElement } from "../../cib/index.js";
import { element } from "../../cib/index.js";
import type { ConfigurationObject } from "./objects.js";
import { prettyXmlLines, withCommentTails } from "./xml-text.js";

/** A deep copy with the values of obscured nvpairs replaced by `******`. */
function obscured(node: XmlElement, isObscured: (name: string) => boolean): XmlElement {
  const attributes = { ...node.attributes };
  const { name, value } = attributes;
  if (node.name === "nvpair" && value !== undefined && name !== undefined && isObscured(name)) {
    attributes["value"] = "******";
  }
  const children = node.children.map((child) =>
    child.kind === "element" ? obscured(child, isObscured) : { ...child },
  );
  return { kind: "element", name: node.name, attributes, children };
}

/**
 * `show xml`: a `<cib>` (the CIB's own attributes) holding only the selected objects' top
 * parents, each in its section, as crmsh prints it (header line, lxml layout, and the blank
 * line its print adds after the document's final newline).
 */
export function showXmlText(
  cib: XmlElement | undefined,
  selected: readonly ConfigurationObject[],
  isObscured: (name: string) => boolean,
): string {
  const configuration = element(
    "configuration",
    {},
    ["crm_config", "nodes", "resources", "constraints"].map((name) => element(name)),
  );
  const root = element("cib", { ...(cib?.attributes ?? {}) }, [configuration]);
  const seen = new Set<XmlElement>();
  for (const object of selected) {
    if (seen.has(object.top)) continue;
    seen.add(object.top);
    const copy = obscured(withCommentTails(object.top, topDepth(object), true), isObscured);
    sectionOf(configuration, object.section).children.push(copy);
  }
  return `<?xml version="1.0" ?>\n${prettyXmlLines(root).join("\n")}\n\n`;
}

function sectionOf(configuration: XmlElement, name: string): XmlElement {
  if (name === "configuration") return configuration;
  for (const child of configuration.children) {
    if (child.kind === "element" && child.name === name) return child;
  }
  const created = element(name);
  configuration.children.push(created);
  return created;
}

/** Depth of an object's top parent: below a section (3), or fencing-topology itself (2). */
function topDepth(object: ConfigurationObject): number {
  return object.section === "configuration" ? 2 : 3;
}
