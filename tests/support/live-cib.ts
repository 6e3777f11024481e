// Configuration changes an e2e test makes on a live cluster's CIB, as `crm configure` would
// make them, written in one replace against the version they were made on.
import { element, ensureChild, readXml, writeXml } from "../../backend/cib/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { queryCib, replaceCib } from "../../backend/client/index.js";
import type { ClientTarget } from "../../backend/client/index.js";

/** Queries the CIB through `target`, lets `edit` change it, and replaces it at that version. */
export async function editLiveCib(
  target: ClientTarget,
  edit: (cib: XmlElement) => void,
): Promise<void> {
  const snapshot = await queryCib(target);
  const parsed = readXml(snapshot.xml);
  if (!parsed.ok) throw new Error(`The live CIB does not parse: ${parsed.issues[0]?.message}`);
  edit(parsed.value);
  await replaceCib(target, writeXml(parsed.value), snapshot.version);
}

export function nvpair(id: string, name: string, value: string): XmlElement {
  return element("nvpair", { id, name, value });
}

/** Appends `resources` to the configuration's resources section. */
export function addResources(cib: XmlElement, ...resources: XmlElement[]): void {
  const configuration = ensureChild(cib, "configuration");
  ensureChild(configuration, "resources").children.push(...resources);
}

/** As `crm configure property NAME=VALUE`: set in cib-bootstrap-options, replacing any value. */
export function setClusterProperty(cib: XmlElement, name: string, value: string): void {
  const crmConfig = ensureChild(ensureChild(cib, "configuration"), "crm_config");
  const properties = ensureChild(crmConfig, "cluster_property_set");
  properties.attributes["id"] ??= "cib-bootstrap-options";
  properties.children = properties.children.filter(
    (child) => child.kind !== "element" || child.attributes["name"] !== name,
  );
  const id = properties.attributes["id"];
  properties.children.push(nvpair(`${id}-${name}`, name, value));
}

/**
 * As `crm configure primitive fence-local stonith:fence_quorate_local params
 * pcmk_host_list="NODES" cluster_dir=DIR`: the bundled agent that fences a local cluster's node.
 */
export function localFenceDevice(dir: string, nodes: readonly string[]): XmlElement {
  const set = "fence-local-instance_attributes";
  return element(
    "primitive",
    { id: "fence-local", class: "stonith", type: "fence_quorate_local" },
    [
      element("instance_attributes", { id: set }, [
        nvpair(`${set}-pcmk_host_list`, "pcmk_host_list", nodes.join(" ")),
        nvpair(`${set}-cluster_dir`, "cluster_dir", dir),
      ]),
    ],
  );
}

/** As `crm configure primitive ID ocf:quorate:Dummy op monitor interval=1s`. */
export function monitoredDummy(id = "dummy"): XmlElement {
  return element("primitive", { id, class: "ocf", provider: "quorate", type: "Dummy" }, [
    element("operations", {}, [
      element("op", { id: `${id}-monitor-1s`, name: "monitor", interval: "1s" }),
    ]),
  ]);
}
