import { childElements, descendants, firstChild } from "../../backend/cib/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { parseDurationMs } from "../scheduler/index.js";

/** A fencing device: a primitive of class stonith, with its instance attributes. */
export interface FenceDevice {
  readonly id: string;
  /** The fence agent (`fence_quorate_local`). */
  readonly agent: string;
  readonly params: Readonly<Record<string, string>>;
}

/** One fencing-level of fencing-topology: which targets it covers, and its devices in order. */
export interface FenceLevel {
  readonly id: string;
  readonly index: number;
  readonly target:
    | { readonly kind: "name"; readonly name: string }
    | { readonly kind: "pattern"; readonly pattern: string }
    | { readonly kind: "attribute"; readonly name: string; readonly value: string };
  readonly devices: readonly string[];
}

/** What the fencer reads from the CIB. */
export interface FencingConfig {
  readonly devices: readonly FenceDevice[];
  readonly levels: readonly FenceLevel[];
  /** Permanent node attributes (configuration/nodes), for target-attribute levels. */
  readonly nodeAttributes: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly stonithEnabled: boolean;
  readonly stonithTimeoutMs: number;
}

export const emptyFencingConfig: FencingConfig = {
  devices: [],
  levels: [],
  nodeAttributes: new Map(),
  stonithEnabled: true,
  stonithTimeoutMs: 60_000,
};

function nvpairs(owner: XmlElement, setName: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const set of childElements(owner, setName)) {
    for (const nvpair of childElements(set, "nvpair")) {
      const name = nvpair.attributes["name"];
      const value = nvpair.attributes["value"];
      if (name !== undefined && value !== undefined && !pairs.has(name)) pairs.set(name, value);
    }
  }
  return pairs;
}

function isDisabled(primitive: XmlElement): boolean {
  const role = nvpairs(primitive, "meta_attributes").get("target-role")?.toLowerCase();
  return role === "stopped";
}

function devicesOf(configuration: XmlElement): FenceDevice[] {
  const resources = firstChild(configuration, "resources");
  if (resources === undefined) return [];
  const devices: FenceDevice[] = [];
  for (const primitive of descendants(resources)) {
    if (primitive.name !== "primitive" || primitive.attributes["class"] !== "stonith") continue;
    const id = primitive.attributes["id"];
    const agent = primitive.attributes["type"];
    if (id === undefined || agent === undefined || isDisabled(primitive)) continue;
    devices.push({
      id,
      agent,
      params: Object.fromEntries(nvpairs(primitive, "instance_attributes")),
    });
  }
  return devices;
}

function levelTarget(level: XmlElement): FenceLevel["target"] | undefined {
  const { target, "target-pattern": pattern } = level.attributes;
  const attribute = level.attributes["target-attribute"];
  const value = level.attributes["target-value"];
  if (target !== undefined) return { kind: "name", name: target };
  if (pattern !== undefined) return { kind: "pattern", pattern };
  if (attribute !== undefined && value !== undefined)
    return { kind: "attribute", name: attribute, value };
  return undefined;
}

function levelsOf(configuration: XmlElement): FenceLevel[] {
  const topology = firstChild(configuration, "fencing-topology");
  if (topology === undefined) return [];
  const levels: FenceLevel[] = [];
  for (const level of childElements(topology, "fencing-level")) {
    const target = levelTarget(level);
    const index = Number(level.attributes["index"]);
    const devices = (level.attributes["devices"] ?? "").split(",").filter((id) => id !== "");
    if (target === undefined || !Number.isInteger(index) || devices.length === 0) continue;
    levels.push({ id: level.attributes["id"] ?? "", index, target, devices });
  }
  return levels.sort((left, right) => left.index - right.index);
}

function nodeAttributesOf(configuration: XmlElement): Map<string, ReadonlyMap<string, string>> {
  const nodes = firstChild(configuration, "nodes");
  const found = new Map<string, ReadonlyMap<string, string>>();
  for (const node of nodes === undefined ? [] : childElements(nodes, "node")) {
    const uname = node.attributes["uname"];
    if (uname !== undefined) found.set(uname, nvpairs(node, "instance_attributes"));
  }
  return found;
}

function isFalse(value: string | undefined): boolean {
  return value !== undefined && /^(false|no|off|n|0)$/i.test(value.trim());
}

/** Reads devices, topology and the fencing cluster options from a CIB. Pure. */
export function fencingConfigOf(cib: XmlElement): FencingConfig {
  const configuration = firstChild(cib, "configuration");
  if (configuration === undefined) return emptyFencingConfig;
  const crmConfig = firstChild(configuration, "crm_config");
  const options =
    crmConfig === undefined
      ? new Map<string, string>()
      : nvpairs(crmConfig, "cluster_property_set");
  return {
    devices: devicesOf(configuration),
    levels: levelsOf(configuration),
    nodeAttributes: nodeAttributesOf(configuration),
    stonithEnabled: !isFalse(options.get("stonith-enabled")),
    stonithTimeoutMs: parseDurationMs(options.get("stonith-timeout")) ?? 60_000,
  };
}
