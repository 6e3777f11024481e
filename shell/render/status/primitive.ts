/**
 * One primitive's status line, as Pacemaker's `pcmk__native_output_string`:
 * `id<TAB>(class:provider:type):<TAB> [ORPHANED] STATE [node] [(flags)] [[ n1 n2 ]]`.
 */
import { ocfExitName } from "../../../backend/ra/index.js";
import type { StatusModel, StatusPrimitive, StatusRole } from "./model.js";
import { failedProbe, hasIgnoredFailure, parseRole, roleRank } from "./resource-facts.js";

export interface PrimitiveContext {
  readonly model: StatusModel;
  /** The top-level resource is a promotable clone (Started shows as Unpromoted). */
  readonly promotable: boolean;
  /** Clone instances print as their instance id only when the clone is unique. */
  readonly name: string;
  /** Under a node (crm_mon -n): no node names, as Pacemaker's pcmk_show_rsc_only. */
  readonly resourceOnly?: boolean;
}

/** The role shown for a primitive (`native_displayable_role`). */
export function displayableRole(primitive: StatusPrimitive, promotable: boolean): StatusRole {
  return primitive.role === "Started" && promotable ? "Unpromoted" : primitive.role;
}

function agentOf(primitive: StatusPrimitive): string {
  const provider = primitive.className === "ocf" && primitive.provider !== undefined;
  return provider
    ? `${primitive.className}:${primitive.provider ?? ""}:${primitive.type}`
    : `${primitive.className}:${primitive.type}`;
}

function stateWords(primitive: StatusPrimitive, context: PrimitiveContext): string {
  const role = displayableRole(primitive, context.promotable);
  const words: string[] = [];
  if (primitive.orphan) words.push("ORPHANED");
  if (primitive.failed) {
    words.push("FAILED");
    if (roleRank(role) > roleRank("Unpromoted")) words.push(role);
  } else {
    words.push(role);
  }
  return words.join(" ");
}

function flagsOf(
  primitive: StatusPrimitive,
  node: string | undefined,
  context: PrimitiveContext,
): string[] {
  const flags: string[] = [];
  const nodeState = context.model.nodes.find((candidate) => candidate.name === node);
  if (nodeState !== undefined && !nodeState.online && nodeState.unclean) flags.push("UNCLEAN");
  const targetText = primitive.meta.get("target-role");
  const target = parseRole(targetText);
  if (target === "Stopped") flags.push("disabled");
  else if (context.promotable && target === "Unpromoted") flags.push(`target-role:${targetText}`);
  if (primitive.blocked) flags.push("blocked");
  else if (!primitive.managed) flags.push("unmanaged");
  if (hasIgnoredFailure(primitive)) flags.push("failure ignored");
  return flags;
}

export function primitiveLine(primitive: StatusPrimitive, context: PrimitiveContext): string {
  const nodes = context.resourceOnly === true ? [] : [...primitive.activeOn.keys()];
  const node = nodes.length === 1 ? nodes[0] : undefined;
  let text = `${context.name}\t(${agentOf(primitive)}):\t ${stateWords(primitive, context)}`;
  if (node !== undefined) text += ` ${node}`;
  if (displayableRole(primitive, context.promotable) === "Stopped") {
    const probe = failedProbe(primitive, node, context.model.now);
    if (probe !== undefined) text += ` (${ocfExitName(probe.rc)}) `;
  }
  const flags = flagsOf(primitive, node, context);
  if (flags.length > 0) text += ` (${flags.join(", ")})`;
  if (nodes.length > 1) text += ` [ ${nodes.join(" ")} ]`;
  return text;
}
