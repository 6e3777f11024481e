import type { XmlElement } from "../../cib/index.js";
import { element } from "../../cib/index.js";
import type {
  FencingTopologyStatement,
  NodeStatement,
  PropertySetStatement,
  TagStatement,
} from "../../../grammar/index.js";
import type { BuildContext } from "./build-context.js";
import { issueAt } from "./build-context.js";
import { buildAttributeSet, buildNvpair, buildRule } from "./build-sets.js";
import type { Draft } from "./draft.js";
import { commentNodes } from "./draft.js";

/** Node types the pacemaker-3.x schema accepts (crmsh 4.4 also parses `normal`). */
const nodeTypes: ReadonlySet<string> = new Set(["member", "ping", "remote"]);

/** node: id (given or the uname), uname, type, description, attribute sets. */
export function buildNode(statement: NodeStatement, context: BuildContext): Draft {
  if (statement.type !== undefined && !nodeTypes.has(statement.type)) {
    const message =
      `Cannot create node "${statement.uname}": type "${statement.type}" does not conform ` +
      "to the CIB schema (member, ping or remote)";
    context.report(issueAt("invalid_node_type", message, statement.span));
  }
  const attributes: Record<string, string> = {};
  if (statement.id !== undefined) attributes["id"] = statement.id;
  attributes["uname"] = statement.uname;
  if (statement.type !== undefined) attributes["type"] = statement.type;
  if (statement.description !== undefined) attributes["description"] = statement.description;
  const built = element("node", attributes, [
    ...commentNodes(statement.comments),
    ...statement.sets.map((set) => buildAttributeSet(set)),
  ]);
  return {
    id: statement.id ?? statement.uname,
    element: built,
    placement: { kind: "node" },
    children: [],
    references: [],
    statement,
    span: statement.span,
  };
}

const propertySets = {
  property: { section: "crm_config", tag: "cluster_property_set", id: "cib-bootstrap-options" },
  rsc_defaults: { section: "rsc_defaults", tag: "meta_attributes", id: "rsc-options" },
  op_defaults: { section: "op_defaults", tag: "meta_attributes", id: "op-options" },
} as const;

/** property / rsc_defaults / op_defaults: one set (default ids as crmsh), rules, nvpairs. */
export function buildPropertySet(statement: PropertySetStatement): Draft {
  const kind = propertySets[statement.kind];
  const id = statement.setId ?? kind.id;
  const attributes: Record<string, string> = { id };
  if (statement.idRef !== undefined) {
    attributes["id-ref"] = statement.idRef;
  }
  const built = element(kind.tag, attributes, [
    ...commentNodes(statement.comments),
    ...statement.rules.map(buildRule),
    ...statement.nvpairs.map(buildNvpair),
  ]);
  return {
    id,
    element: built,
    placement: { kind: "attribute_set", section: kind.section },
    children: [],
    references: [],
    statement,
    span: statement.span,
  };
}

type FencingEntry = FencingTopologyStatement["targets"][number];

/** Levels per target, numbered 1, 2… per target key as crmsh counts them. */
function fencingLevels(entries: readonly FencingEntry[], nodeUnames: readonly string[]) {
  const expanded: { target: FencingEntry["target"] | string; devices: string }[] = [];
  for (const entry of entries) {
    const levels = entry.levels.map((level) => level.devices.map((d) => d.id).join(","));
    if (entry.target !== undefined) {
      for (const devices of levels) expanded.push({ target: entry.target, devices });
    } else {
      for (const uname of nodeUnames) {
        for (const devices of levels) expanded.push({ target: uname, devices });
      }
    }
  }
  return expanded;
}

function fencingLevel(
  target: FencingEntry["target"] | string,
  devices: string,
  counters: Map<string, number>,
): XmlElement {
  const next = (key: string): string => {
    const index = counters.get(key) ?? 1;
    counters.set(key, index + 1);
    return String(index);
  };
  if (target === undefined) return element("fencing-level", { index: next(""), devices });
  if (typeof target === "string") {
    return element("fencing-level", { target, index: next(target), devices });
  }
  if (target.kind === "node") {
    return element("fencing-level", { target: target.node, index: next(target.node), devices });
  }
  if (target.kind === "attribute") {
    return element("fencing-level", {
      index: next(target.name),
      devices,
      "target-attribute": target.name,
      "target-value": target.value,
    });
  }
  return element("fencing-level", {
    index: next(target.pattern),
    devices,
    "target-pattern": target.pattern,
  });
}

/**
 * fencing_topology: one `<fencing-level>` per target and level; the target-less form
 * expands to the nodes the CIB had before the batch (sorted unames, as crmsh).
 */
export function buildFencingTopology(
  statement: FencingTopologyStatement,
  context: BuildContext,
): Draft {
  const counters = new Map<string, number>();
  const levels = fencingLevels(statement.targets, context.knownNodeUnames()).map((level) =>
    fencingLevel(level.target, level.devices, counters),
  );
  const built = element("fencing-topology", {}, [...commentNodes(statement.comments), ...levels]);
  return {
    id: "fencing_topology",
    element: built,
    placement: { kind: "fencing_topology" },
    children: [],
    references: [],
    statement,
    span: statement.span,
  };
}

/** tag ID REF… → `<tag id><obj_ref id/>…</tag>` */
export function buildTag(statement: TagStatement): Draft {
  const built = element("tag", { id: statement.id }, [
    ...commentNodes(statement.comments),
    ...statement.references.map((reference) => element("obj_ref", { id: reference.id })),
  ]);
  return {
    id: statement.id,
    element: built,
    placement: { kind: "object", section: "tags" },
    children: [],
    references: [],
    statement,
    span: statement.span,
  };
}
