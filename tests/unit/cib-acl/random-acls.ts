import {
  cloneNode,
  descendants,
  element,
  firstChild,
  type XmlElement,
} from "../../../backend/cib/index.js";
import { Prng } from "../../../daemons/kernel/index.js";

/** The user every random ACL set is written for. */
export const testUser = "tester";

function pick<T>(prng: Prng, items: readonly T[], fallback: T): T {
  return items.length === 0 ? fallback : (items[prng.int(items.length)] ?? fallback);
}

/** Names found in a CIB, to aim random permissions at things that exist. */
function inventory(cib: XmlElement): {
  tags: string[];
  ids: string[];
  attributes: string[];
  names: string[];
} {
  const tags = new Set<string>();
  const ids = new Set<string>();
  const attributes = new Set<string>();
  const names = new Set<string>();
  for (const node of descendants(cib)) {
    tags.add(node.name);
    for (const [name, value] of Object.entries(node.attributes)) {
      attributes.add(name);
      if (name === "id" && /^[\w.-]+$/.test(value)) ids.add(value);
      if (node.name === "nvpair" && name === "name" && /^[\w.-]+$/.test(value)) names.add(value);
    }
  }
  return { tags: [...tags], ids: [...ids], attributes: [...attributes], names: [...names] };
}

type Inventory = ReturnType<typeof inventory>;

function randomXpath(prng: Prng, found: Inventory): string {
  const tag = pick(prng, found.tags, "primitive");
  const id = pick(prng, found.ids, "x");
  const attribute = pick(prng, found.attributes, "id");
  const section = pick(prng, ["resources", "constraints", "nodes", "crm_config"], "resources");
  const templates = [
    "/cib",
    "/cib/configuration",
    `/cib/configuration/${section}`,
    "/cib/status",
    `//${tag}`,
    `//${tag}[@id='${id}']`,
    `//nvpair[@name='${pick(prng, found.names, "target-role")}']`,
    `//*[@${attribute}]`,
    `//${tag}/@${attribute}`,
    `//${tag}[1]`,
    `//${tag}[last()]`,
    `//${tag}[@${attribute} and not(@id='${id}')]`,
    `/cib/configuration//${tag}`,
    `//*[@id='${id}']/*`,
    `//${tag}/..`,
  ];
  return pick(prng, templates, "/cib");
}

function randomPermission(
  prng: Prng,
  found: Inventory,
  index: number,
  kinds: readonly string[],
): XmlElement {
  const kind = pick(prng, kinds, "read");
  const attributes: Record<string, string> = { id: `tester-permission-${index}`, kind };
  const form = prng.int(4);
  if (form <= 1) attributes["xpath"] = randomXpath(prng, found);
  else if (form === 2) attributes["reference"] = pick(prng, found.ids, "x");
  else {
    attributes["object-type"] = pick(prng, found.tags, "primitive");
    if (prng.chance(40)) attributes["attribute"] = pick(prng, found.attributes, "id");
  }
  return element("acl_permission", attributes);
}

/** Pacemaker enforces ACLs only with the enable-acl cluster option (quorate always does). */
function enableAcls(configuration: XmlElement): void {
  const options = firstChild(configuration, "crm_config");
  if (options === undefined) return;
  options.children.push(
    element("cluster_property_set", { id: "tester-acl-options" }, [
      element("nvpair", { id: "tester-enable-acl", name: "enable-acl", value: "true" }),
    ]),
  );
}

/** A copy of `cib` whose acls section gives `tester` one role of 1 to 5 random permissions. */
export function withRandomAcls(
  cib: XmlElement,
  seed: number,
  kinds: readonly string[] = ["read", "read", "write", "deny"],
): XmlElement {
  const prng = new Prng(seed);
  const copy = cloneNode(cib);
  const found = inventory(copy);
  const configuration = firstChild(copy, "configuration");
  if (configuration === undefined) return copy;
  configuration.children = configuration.children.filter(
    (child) => child.kind !== "element" || child.name !== "acls",
  );
  enableAcls(configuration);
  const count = 1 + prng.int(5);
  const permissions = Array.from({ length: count }, (_, index) =>
    randomPermission(prng, found, index, kinds),
  );
  configuration.children.push(
    element("acls", {}, [
      element("acl_role", { id: "tester-role" }, permissions),
      element("acl_target", { id: testUser }, [element("role", { id: "tester-role" })]),
    ]),
  );
  return copy;
}
