/** The resource tree: primitives, groups, clones (with their instances) and their meta. */
import { childElements, firstChild, type XmlElement } from "../../backend/cib/index.js";
import type {
  CloneModel,
  GroupModel,
  OnFail,
  OperationConfig,
  PrimitiveModel,
  ResourceModel,
  Role,
} from "./model.js";
import {
  booleanOption,
  isTrue,
  readNvpairSets,
  toNumberMap,
  type NvpairContext,
} from "./nvpairs.js";
import { parseDurationMs } from "./score.js";

export interface ResourceContext extends NvpairContext {
  readonly rscDefaults: ReadonlyMap<string, string>;
  readonly nodeCount: number;
  readonly resourceById: Map<string, ResourceModel>;
}

const resourceTags = new Set(["primitive", "group", "clone", "master"]);

export function unpackResources(
  section: XmlElement | undefined,
  context: ResourceContext,
): ResourceModel[] {
  if (section === undefined) return [];
  const result: ResourceModel[] = [];
  for (const child of childElements(section)) {
    if (!resourceTags.has(child.name)) continue;
    const resource = buildResource(child, undefined, "", context);
    if (resource !== undefined) result.push(resource);
  }
  return result;
}

function metaOf(
  element: XmlElement,
  parent: ResourceModel | undefined,
  context: ResourceContext,
): Map<string, string> {
  const meta = new Map<string, string>();
  for (const [name, value] of Object.entries(element.attributes)) {
    if (!["id", "class", "provider", "type", "template", "description"].includes(name)) {
      meta.set(name, value);
    }
  }
  readNvpairSets(element, "meta_attributes", context, meta);
  const template = templateOf(element, context);
  if (template !== undefined) readNvpairSets(template, "meta_attributes", context, meta);
  const inherited = parent?.meta ?? context.rscDefaults;
  for (const [name, value] of inherited) if (!meta.has(name)) meta.set(name, value);
  return meta;
}

function templateOf(element: XmlElement, context: ResourceContext): XmlElement | undefined {
  const reference = element.attributes["template"];
  return reference === undefined ? undefined : context.byId.get(reference);
}

function buildResource(
  element: XmlElement,
  parent: ResourceModel | undefined,
  suffix: string,
  context: ResourceContext,
): ResourceModel | undefined {
  const baseId = element.attributes["id"] ?? "";
  const id = baseId + suffix;
  const meta = metaOf(element, parent, context);
  let resource: ResourceModel;
  if (element.name === "primitive") {
    resource = buildPrimitive(element, parent, { id, baseId, meta }, context);
  } else if (element.name === "group") {
    const group: GroupModel = { kind: "group", id, parent, meta, element, children: [] };
    for (const child of childElements(element, "primitive")) {
      const member = buildResource(child, group, suffix, context);
      if (member !== undefined) group.children.push(member);
    }
    resource = group;
  } else {
    const clone = buildClone(element, parent, { id, meta }, context);
    if (clone === undefined) return undefined;
    resource = clone;
  }
  context.resourceById.set(id, resource);
  return resource;
}

function buildPrimitive(
  element: XmlElement,
  parent: ResourceModel | undefined,
  identity: { id: string; baseId: string; meta: Map<string, string> },
  context: ResourceContext,
): PrimitiveModel {
  const template = templateOf(element, context);
  const source = (name: string): string | undefined =>
    element.attributes[name] ?? template?.attributes[name];
  const instance = readNvpairSets(element, "instance_attributes", context);
  if (template !== undefined) readNvpairSets(template, "instance_attributes", context, instance);
  const utilization = readNvpairSets(element, "utilization", context);
  if (template !== undefined) readNvpairSets(template, "utilization", context, utilization);
  const operations = [
    ...unpackOperations(element, context),
    ...(template === undefined ? [] : unpackOperations(template, context)),
  ];
  const managed =
    booleanOption(identity.meta.get("is-managed"), true) &&
    !isTrue(identity.meta.get("maintenance"));
  return {
    kind: "primitive",
    id: identity.id,
    baseId: identity.baseId,
    parent,
    meta: identity.meta,
    element,
    className: source("class") ?? "ocf",
    provider: source("provider"),
    type: source("type") ?? "",
    instance,
    utilization: toNumberMap(utilization),
    operations,
    role: "Stopped",
    activeOn: new Map(),
    knownOn: new Set(),
    failed: false,
    managed,
    blocked: false,
    orphan: false,
    onFailByNode: new Map(),
    bannedNodes: new Set(),
    bannedEverywhere: false,
    failCounts: new Map(),
    pendingTasks: new Map(),
    activeMonitors: new Set(),
    history: [],
    failedStopOn: new Set(),
    partialMigration: undefined,
    danglingMigrations: [],
    shutdownLock: undefined,
    clearHistoryOn: [],
    clearFailCountOn: [],
    failureTimeoutBlocked: false,
    stopOnFail: false,
    recoverOn: new Set(), failureStop: false, historyName: undefined,
  };
}

export function parseRole(text: string | undefined): Role | undefined {
  switch (text?.toLowerCase()) {
    case "stopped":
      return "Stopped";
    case "started":
      return "Started";
    case "slave":
    case "unpromoted":
      return "Unpromoted";
    case "master":
    case "promoted":
      return "Promoted";
    default:
      return undefined;
  }
}

const onFailValues: readonly OnFail[] = [
  "ignore",
  "demote",
  "restart",
  "block",
  "stop",
  "standby",
  "fence",
];

function unpackOperations(element: XmlElement, context: ResourceContext): OperationConfig[] {
  const section = firstChild(element, "operations");
  if (section === undefined) return [];
  return childElements(section, "op").map((op) => {
    const meta = readNvpairSets(op, "meta_attributes", context);
    const value = (name: string): string | undefined => op.attributes[name] ?? meta.get(name);
    const onFail = value("on-fail")?.toLowerCase();
    return {
      id: op.attributes["id"] ?? "",
      name: op.attributes["name"] ?? "",
      intervalMs: parseDurationMs(op.attributes["interval"]) ?? 0,
      role: parseRole(value("role")),
      onFail: onFailValues.find((candidate) => candidate === onFail),
      timeout: value("timeout"),
      enabled: booleanOption(value("enabled"), true),
    };
  });
}

function integerMeta(
  meta: ReadonlyMap<string, string>,
  names: readonly string[],
  fallback: number,
): number {
  for (const name of names) {
    const text = meta.get(name);
    if (text === undefined) continue;
    const value = Number.parseInt(text, 10);
    if (!Number.isNaN(value)) return value;
  }
  return fallback;
}

function buildClone(
  element: XmlElement,
  parent: ResourceModel | undefined,
  identity: { id: string; meta: Map<string, string> },
  context: ResourceContext,
): CloneModel | undefined {
  const template = childElements(element).find(
    (child) => child.name === "primitive" || child.name === "group",
  );
  if (template === undefined) return undefined;
  const meta = identity.meta;
  if (!meta.has("resource-stickiness")) meta.set("resource-stickiness", "1");
  const globallyUnique = isTrue(meta.get("globally-unique"));
  const cloneMax = Math.max(0, integerMeta(meta, ["clone-max"], context.nodeCount));
  const clone: CloneModel = {
    kind: "clone",
    id: identity.id,
    parent,
    meta,
    element,
    template,
    promotable: element.name === "master" || isTrue(meta.get("promotable")),
    globallyUnique,
    cloneMax,
    cloneNodeMax: globallyUnique ? Math.max(0, integerMeta(meta, ["clone-node-max"], 1)) : 1,
    promotedMax: Math.max(0, integerMeta(meta, ["promoted-max", "master-max"], 1)),
    promotedNodeMax: Math.max(0, integerMeta(meta, ["promoted-node-max", "master-node-max"], 1)),
    interleave: isTrue(meta.get("interleave")),
    ordered: isTrue(meta.get("ordered")),
    notify: isTrue(meta.get("notify")),
    cloneMin: Math.max(0, integerMeta(meta, ["clone-min"], 0)),
    instances: [],
  };
  for (let index = 0; index < cloneMax; index++) addCloneInstance(clone, index, context);
  return clone;
}

export function addCloneInstance(
  clone: CloneModel,
  index: number,
  context: ResourceContext,
): ResourceModel | undefined {
  const instance = buildResource(clone.template, clone, `:${index}`, context);
  if (instance !== undefined) clone.instances.push(instance);
  return instance;
}

/** Every primitive under `resource`, in tree order. */
export function primitivesOf(resource: ResourceModel): PrimitiveModel[] {
  if (resource.kind === "primitive") return [resource];
  const children = resource.kind === "group" ? resource.children : resource.instances;
  return children.flatMap((child) => primitivesOf(child));
}
