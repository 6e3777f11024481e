import type { XmlElement } from "../../cib/index.js";
import { descendants } from "../../cib/index.js";
import type { Result } from "../../base/index.js";
import { fail, isError, nearest, ok } from "../../base/index.js";
import type { Statement } from "../../../grammar/index.js";
import { assignIdsUnder } from "./assign-ids.js";
import type { BuildContext, ToCibIssue } from "./build-context.js";
import { issueAt } from "./build-context.js";
import { buildDraft } from "./build-draft.js";
import { createAttributeSet, createNode, createOp } from "./create-merged.js";
import type { ApplyMode, Creation } from "./create-object.js";
import { createFencingTopology, createObject } from "./create-object.js";
import type { Draft } from "./draft.js";
import { processingRank } from "./sections.js";
import { Workspace } from "./workspace.js";

export interface ApplyOptions {
  /**
   * `create` (default): each statement as a `crm configure` command: an existing id is an
   * error, except nodes and property/defaults sets, which are merged into.
   * `update`: as `load update`: the batch is sorted as crmsh processes it, two statements
   * for one id are an error, existing objects are replaced in place (sets merged).
   * `replace`: as `load replace`: every object but the nodes is removed first.
   */
  readonly mode?: ApplyMode;
  /** Installed providers of an OCF type (default: crmsh's choice with resource-agents). */
  readonly ocfProviders?: (type: string) => readonly string[];
}

/** OCF types that only Pacemaker ships (resource-agents ships the others as heartbeat). */
const pacemakerOnlyTypes: ReadonlySet<string> = new Set([
  "HealthCPU",
  "HealthIOWait",
  "HealthSMART",
  "attribute",
  "controld",
  "ifspeed",
  "o2cb",
  "ping",
  "pingd",
  "remote",
]);

export function defaultOcfProviders(type: string): readonly string[] {
  return pacemakerOnlyTypes.has(type) ? ["pacemaker"] : ["heartbeat"];
}

function buildContext(
  workspace: Workspace,
  issues: ToCibIssue[],
  options: ApplyOptions,
): BuildContext {
  return {
    ocfProviders: options.ocfProviders ?? defaultOcfProviders,
    // A load parses the whole file first; a command or script line sees earlier lines' nodes.
    knownNodeUnames: () =>
      options.mode === undefined || options.mode === "create"
        ? workspace.nodeUnames()
        : workspace.initialNodeUnames,
    validateWith: () => workspace.cib.attributes["validate-with"] ?? "pacemaker-3.9",
    report: (issue) => issues.push(issue),
  };
}

/** crmsh's rule for object ids (nodes may have numeric ids). */
const validObjectId = /^[A-Za-z_][\w.-]*$/;

function checkObjectIds(drafts: readonly Draft[], issues: ToCibIssue[]): void {
  for (const draft of drafts) {
    const { kind } = draft.placement;
    if (kind === "node" || kind === "op" || kind === "fencing_topology") continue;
    if (validObjectId.test(draft.id)) continue;
    issues.push(issueAt("invalid_id", `"${draft.id}": invalid object id`, draft.span));
  }
}

/** Two statements of one batch for the same object (crmsh: Duplicate resource / node). */
function checkBatchDuplicates(drafts: readonly Draft[], issues: ToCibIssue[]): void {
  const seen = new Set<string>();
  for (const draft of drafts) {
    if (draft.placement.kind === "op") continue;
    const key = `${draft.placement.kind === "node" ? "node" : "object"}:${draft.id}`;
    if (seen.has(key)) {
      const what = draft.placement.kind === "node" ? "node" : "resource";
      issues.push(issueAt("duplicate_id", `Duplicate ${what}: "${draft.id}"`, draft.span));
    }
    seen.add(key);
  }
}

/** crmsh's load order: nodes, then new objects by kind, then replaced ones in input order. */
function processingOrder(drafts: readonly Draft[], workspace: Workspace): Draft[] {
  const keyed = drafts.map((draft, index) => {
    const isNode = draft.placement.kind === "node";
    const exists = isNode
      ? workspace.findNode(draft.id) !== undefined
      : draft.placement.kind !== "op" && workspace.findObject(draft.id) !== undefined;
    const rank = exists ? 0 : processingRank(draft.element.name);
    return { draft, key: [isNode ? 0 : 1, exists ? 1 : 0, rank, index] };
  });
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const difference = (a.key[i] ?? 0) - (b.key[i] ?? 0);
      if (difference !== 0) return difference;
    }
    return 0;
  });
  return keyed.map((entry) => entry.draft);
}

/**
 * crmsh's id-ref resolution, done when the object is created (so earlier objects of the
 * batch count): an `id-ref` naming a whole object (`params $id-ref=d0`, `operations
 * $id-ref=d1`, `rule $id-ref=l2`) points at that object's first element of the same kind.
 */
function resolveIdReferences(workspace: Workspace, object: XmlElement): void {
  for (const node of descendants(object)) {
    const reference = node.attributes["id-ref"];
    if (reference === undefined) continue;
    const target = workspace.findObject(reference);
    if (target === undefined) continue;
    for (const candidate of descendants(target)) {
      const id = candidate.attributes["id"];
      if (candidate === target || candidate.name !== node.name || id === undefined) continue;
      node.attributes["id-ref"] = id;
      break;
    }
  }
}

function createDraft(creation: Creation, draft: Draft): void {
  const { placement } = draft;
  resolveIdReferences(creation.workspace, draft.element);
  switch (placement.kind) {
    case "object":
      return createObject(creation, draft, placement.section);
    case "attribute_set":
      return createAttributeSet(creation, draft, placement.section);
    case "node":
      return createNode(creation, draft);
    case "fencing_topology":
      return createFencingTopology(creation, draft);
    case "op":
      return createOp(creation, draft, placement.resource.id);
  }
}

/** Every resource a constraint names must exist once the batch is in (crmsh test_element). */
function checkReferences(workspace: Workspace, drafts: readonly Draft[], issues: ToCibIssue[]) {
  for (const draft of drafts) {
    for (const reference of draft.references) {
      const target = workspace.findObject(reference.id);
      if (target !== undefined && target.name !== "fencing-topology") continue;
      const message =
        `Constraint "${draft.id}" references a resource "${reference.id}" ` + "which doesn't exist";
      const suggestion = nearest(reference.id, workspace.resourceIds());
      issues.push({
        ...issueAt("missing_reference", message, reference.span),
        ...(suggestion === undefined ? {} : { suggestion }),
      });
    }
  }
}

interface Batch {
  readonly creation: Creation;
  readonly context: BuildContext;
  readonly issues: ToCibIssue[];
}

/** As a script runs: each statement is built and created before the next one. */
function applyAsScript(batch: Batch, statements: readonly Statement[]): Draft[] {
  const drafts: Draft[] = [];
  for (const statement of statements) {
    const draft = buildDraft(statement, batch.context);
    if (draft === undefined) continue;
    checkObjectIds([draft], batch.issues);
    drafts.push(draft);
    createDraft(batch.creation, draft);
  }
  return drafts;
}

/** As `load`: the whole batch is built first, then created in crmsh's processing order. */
function applyAsLoad(batch: Batch, statements: readonly Statement[]): Draft[] {
  const { workspace } = batch.creation;
  const drafts: Draft[] = [];
  for (const statement of statements) {
    const draft = buildDraft(statement, batch.context);
    if (draft !== undefined) drafts.push(draft);
  }
  checkObjectIds(drafts, batch.issues);
  checkBatchDuplicates(drafts, batch.issues);
  // crmsh names a monitor statement's op while parsing, before any object is created.
  for (const draft of drafts) {
    if (draft.placement.kind !== "op") continue;
    assignIdsUnder(draft.element, draft.placement.resource.id, workspace.ids);
  }
  for (const draft of processingOrder(drafts, workspace)) createDraft(batch.creation, draft);
  return drafts;
}

/**
 * Applies parsed statements to a CIB and returns a new CIB (the input is never changed):
 * objects created with crmsh 4.4's XML and ids, checks of crmsh's object stage as issues.
 * Any error fails the whole batch.
 */
export function applyStatements(
  cib: XmlElement,
  statements: readonly Statement[],
  options: ApplyOptions = {},
): Result<XmlElement> {
  const mode = options.mode ?? "create";
  const workspace = new Workspace(cib);
  if (mode === "replace") workspace.clearAllButNodes();
  const issues: ToCibIssue[] = [];
  const batch: Batch = {
    creation: { workspace, mode, report: (issue) => issues.push(issue) },
    context: buildContext(workspace, issues, options),
    issues,
  };
  const drafts =
    mode === "create" ? applyAsScript(batch, statements) : applyAsLoad(batch, statements);
  checkReferences(workspace, drafts, issues);
  return issues.some(isError) ? fail(issues) : ok(workspace.cib, issues);
}
