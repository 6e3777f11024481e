import type { XmlElement } from "../../cib/index.js";
import { element } from "../../cib/index.js";
import type { ConfigurationObject } from "./objects.js";
import { prettyXmlLines, withNormalizedComments } from "./xml-text.js";

const objectTags = new Set([
  "node",
  "primitive",
  "group",
  "clone",
  "master",
  "template",
  "bundle",
  "rsc_location",
  "rsc_colocation",
  "rsc_order",
  "rsc_ticket",
  "cluster_property_set",
  "fencing-topology",
  "acl_role",
  "acl_user",
  "acl_target",
  "acl_group",
  "tag",
  "alert",
]);

/** Deep copy with comments normalised on every object element, and passwords obscured. */
function prepared(
  node: XmlElement,
  isObscured: (name: string) => boolean,
  object: { readonly isObject: boolean; readonly depth: number },
): XmlElement {
  const source = object.isObject ? withNormalizedComments(node, object.depth) : node;
  const attributes = { ...source.attributes };
  const copy: XmlElement = { kind: "element", name: source.name, attributes, children: [] };
  if (
    node.name === "nvpair" &&
    attributes["value"] !== undefined &&
    attributes["name"] !== undefined
  ) {
    if (isObscured(attributes["name"])) attributes["value"] = "******";
  }
  const depth = object.depth + 1;
  copy.children = source.children.map((child) =>
    child.kind === "element"
      ? prepared(child, isObscured, {
          isObject: objectTags.has(child.name) || isDefaultsSet(node, child),
          depth,
        })
      : { ...child },
  );
  return copy;
}

function isDefaultsSet(parent: XmlElement, child: XmlElement): boolean {
  return (
    child.name === "meta_attributes" &&
    (parent.name === "rsc_defaults" || parent.name === "op_defaults")
  );
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
    const copy = prepared(object.top, isObscured, { isObject: true, depth: topDepth(object) });
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
