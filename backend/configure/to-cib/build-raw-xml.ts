import type { XmlElement } from "../../cib/index.js";
import { firstChild, readXml } from "../../cib/index.js";
import type { XmlStatement } from "../../../grammar/index.js";
import type { BuildContext } from "./build-context.js";
import { issueAt } from "./build-context.js";
import type { Draft, Placement } from "./draft.js";
import { commentNodes } from "./draft.js";
import { sectionOf } from "./sections.js";

function placementOf(node: XmlElement): Placement | undefined {
  if (node.name === "node") return { kind: "node" };
  if (node.name === "fencing-topology") return { kind: "fencing_topology" };
  if (node.name === "cluster_property_set") {
    return { kind: "attribute_set", section: "crm_config" };
  }
  const section = sectionOf(node.name);
  return section === undefined ? undefined : { kind: "object", section };
}

/** `rsc_defaults`/`op_defaults` wrappers stand for their (first) meta_attributes set. */
function unwrapDefaults(node: XmlElement): { node: XmlElement; placement?: Placement } {
  if (node.name !== "rsc_defaults" && node.name !== "op_defaults") return { node };
  const set = firstChild(node, "meta_attributes");
  if (set === undefined) return { node };
  return { node: set, placement: { kind: "attribute_set", section: node.name } };
}

/** `xml <element …/>`: one configuration object inserted verbatim (missing ids generated). */
export function buildRawXml(statement: XmlStatement, context: BuildContext): Draft | undefined {
  const read = readXml(statement.text, { keepComments: true });
  if (!read.ok) {
    const reason = read.issues[0]?.message ?? "malformed XML";
    context.report(
      issueAt("invalid_xml", `Cannot read the xml statement: ${reason}`, statement.span),
    );
    return undefined;
  }
  const unwrapped = unwrapDefaults(read.value);
  const placement = unwrapped.placement ?? placementOf(unwrapped.node);
  const node = unwrapped.node;
  const id =
    node.name === "fencing-topology"
      ? "fencing_topology"
      : (node.attributes["id"] ?? node.attributes["uname"]);
  if (placement === undefined || id === undefined) {
    const what = placement === undefined ? `unknown element <${node.name}>` : "no id";
    const message = `Cannot create an object from the xml statement: ${what}`;
    context.report(issueAt("invalid_xml", message, statement.span));
    return undefined;
  }
  node.children.unshift(...commentNodes(statement.comments));
  return {
    id,
    element: node,
    placement,
    children: [],
    references: [],
    statement,
    span: statement.span,
  };
}
