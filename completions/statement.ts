/**
 * Completion inside a crm configure statement: the head word picks the statement, the count
 * of words after it picks the slot (id, agent, resource, score, node, section…).
 */
import { aclRights, aclSpecAliases, resolveHeadWord, type LineWord } from "../grammar/index.js";
import { agentCandidates } from "./agents.js";
import { assignedNames, attributeCandidates } from "./attributes.js";
import {
  idCandidates,
  idKinds,
  keywordCandidates,
  constrainableKinds,
  type Candidate,
  type CompletionContext,
  type IdKind,
} from "./context.js";
import { constraintCandidates } from "./constraints.js";
import { statementCursor } from "./cursor.js";
import { sectionCandidates } from "./sections.js";
import { clusterOptions } from "./tables/cluster-options.js";
import { opAttributes, resourceMetaAttributes } from "./tables/meta-attributes.js";

/** Candidates at the end of `text`, a configure statement typed up to the cursor. */
export function completeStatement(text: string, context: CompletionContext): Candidate[] {
  const { words, prefix } = statementCursor(text);
  const head = words[0];
  if (head === undefined) return [];
  const statement = resolveHeadWord(head.value);
  if (statement === undefined) return [];
  const rest = words.slice(1);
  const slot: Slot = { statement, rest, prefix, context };
  switch (statement) {
    case "primitive":
    case "rsc_template":
      return resourceStatement(slot);
    case "group":
    case "clone":
    case "ms":
    case "tag":
      return containerStatement(slot);
    case "location":
    case "colocation":
    case "order":
    case "rsc_ticket":
      return constraintCandidates(statement, rest, prefix, context);
    default:
      return otherStatement(slot);
  }
}

interface Slot {
  readonly statement: string;
  readonly rest: readonly LineWord[];
  readonly prefix: string;
  readonly context: CompletionContext;
}

function resourceStatement({ statement, rest, prefix, context }: Slot): Candidate[] {
  if (rest.length === 0) return [];
  const agent = rest[1];
  if (agent === undefined) {
    const templates =
      statement === "primitive"
        ? idCandidates(context, ["template"], { detail: "template" }).map((candidate) => ({
            ...candidate,
            label: `@${candidate.label}`,
          }))
        : [];
    return [...agentCandidates(prefix, context), ...templates];
  }
  const options = agent.value.startsWith("@") ? { statement } : { statement, agent: agent.value };
  return sectionCandidates(rest.slice(2), prefix, options, context);
}

const containerSections: ReadonlySet<string> = new Set(["meta", "params"]);

const memberKinds: Readonly<Record<string, readonly IdKind[]>> = {
  group: ["primitive"],
  clone: ["primitive", "group"],
  ms: ["primitive", "group"],
};

/** group, clone, ms and tag: an id, then members, then (not for tag) meta/params. */
function containerStatement({ statement, rest, prefix, context }: Slot): Candidate[] {
  if (rest.length === 0) return [];
  const members = rest.slice(1);
  const sectionStart = members.findIndex((word) => containerSections.has(word.value));
  if (sectionStart >= 0) {
    return sectionCandidates(members.slice(sectionStart), prefix, { statement }, context);
  }
  const sections = statement === "tag" ? [] : keywordCandidates(["meta", "params"], "section");
  if ((statement === "clone" || statement === "ms") && members.length >= 1) return sections;
  const kinds = memberKinds[statement] ?? constrainableKinds;
  const exclude = new Set(rest.map((word) => word.value));
  const resources = idCandidates(context, kinds, { exclude });
  return members.length === 0 ? resources : [...resources, ...sections];
}

function otherStatement({ statement, rest, prefix, context }: Slot): Candidate[] {
  const given = assignedNames(rest.map((word) => word.value));
  switch (statement) {
    case "property":
      return attributeCandidates(clusterOptions, prefix, { kind: "property", given });
    case "rsc_defaults":
      return attributeCandidates(resourceMetaAttributes, prefix, { kind: "meta_attribute", given });
    case "op_defaults":
      return attributeCandidates(opAttributes, prefix, { kind: "op_attribute", given });
    case "monitor":
      return rest.length === 0 ? idCandidates(context, ["primitive"]) : [];
    case "node":
      return rest.length === 0
        ? idCandidates(context, ["node"])
        : sectionCandidates(rest.slice(1), prefix, { statement }, context);
    case "acl_target":
    case "acl_group":
      return rest.length === 0 ? [] : idCandidates(context, ["acl_role"]);
    case "alert":
      return rest.length < 2
        ? []
        : sectionCandidates(rest.slice(2), prefix, { statement }, context);
    case "bundle":
      return rest.length === 0
        ? []
        : rest.length === 1
          ? keywordCandidates(["docker", "podman", "rkt"], "container")
          : sectionCandidates(rest.slice(2), prefix, { statement }, context);
    case "role":
      return rest.length === 0 ? [] : aclRuleCandidates(rest, prefix, context);
    case "fencing_topology":
      return [
        ...idCandidates(context, ["node"], { detail: "target" }).map((node) => ({
          ...node,
          label: `${node.label}:`,
        })),
        ...idCandidates(context, ["primitive"], { detail: "fencing device" }),
      ];
    default:
      return [];
  }
}

/** `role ID RIGHT SPEC...`: rights, then `xpath:`, `ref:ID`, `type:`… after a right. */
function aclRuleCandidates(
  rest: readonly LineWord[],
  prefix: string,
  context: CompletionContext,
): Candidate[] {
  const rights = keywordCandidates(aclRights, "right");
  if (prefix.startsWith("ref:") || prefix.startsWith("reference:")) {
    const key = prefix.slice(0, prefix.indexOf(":"));
    return idCandidates(context, idKinds).map((id) => ({ ...id, label: `${key}:${id.label}` }));
  }
  const last = rest.at(-1)?.value.toLowerCase() ?? "";
  if (rest.length === 1) return rights;
  const specs = keywordCandidates(
    Object.keys(aclSpecAliases).map((key) => `${key}:`),
    "specification",
  );
  return (aclRights as readonly string[]).includes(last) ? specs : [...specs, ...rights];
}
