import { childElements, readXml } from "../../../backend/cib/index.js";
import type { XmlElement } from "../../../backend/cib/index.js";

/**
 * A permanent node attribute as the CIB holds it (crm_attribute -l forever -G): the value of
 * the nvpair named `name` in the instance_attributes of `<node uname=...>`; undefined when the
 * node or the attribute is not there, or the text is not a CIB.
 */
export function permanentAttribute(cibXml: string, node: string, name: string): string | undefined {
  const read = readXml(cibXml);
  if (!read.ok) return undefined;
  const nodes = childElements(read.value, "configuration").flatMap((configuration) =>
    childElements(configuration, "nodes"),
  );
  const entries: XmlElement[] = nodes.flatMap((list) =>
    childElements(list, "node").filter(
      (entry) => (entry.attributes["uname"] ?? entry.attributes["id"]) === node,
    ),
  );
  for (const entry of entries) {
    for (const set of childElements(entry, "instance_attributes")) {
      const pair = childElements(set, "nvpair").find(
        (candidate) => candidate.attributes["name"] === name,
      );
      const value = pair?.attributes["value"];
      if (value !== undefined) return value;
    }
  }
  return undefined;
}
