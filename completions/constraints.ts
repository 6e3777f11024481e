/**
 * Completion in constraints: location (resource, score, node), colocation and rsc_ticket
 * (score or ticket, then resources with a role), order (kind, then resources with an action).
 */
import { orderActions, orderKinds, roleNames, type LineWord } from "../grammar/index.js";
import { assignedNames, attributeCandidates } from "./attributes.js";
import {
  idCandidates,
  keywordCandidates,
  constrainableKinds,
  type Candidate,
  type CompletionContext,
} from "./context.js";
import type { AttributeDefinition } from "./tables/attribute.js";

const scoreForms: readonly Candidate[] = [
  { label: "inf:", kind: "score", detail: "INFINITY: mandatory" },
  { label: "-inf:", kind: "score", detail: "-INFINITY: never" },
];

const orderKindForms: readonly Candidate[] = [
  ...orderKinds.map((kind) => ({ label: `${kind}:`, kind: "score" as const, detail: "kind" })),
  { label: "inf:", kind: "score", detail: "INFINITY: same as Mandatory" },
  { label: "0:", kind: "score", detail: "0: same as Optional" },
];

const trailingOptions: Readonly<Record<string, readonly AttributeDefinition[]>> = {
  colocation: [
    {
      name: "node-attribute",
      type: "string",
      default: "#uname",
      description: "Node attribute that must match between the nodes",
    },
  ],
  order: [
    {
      name: "symmetrical",
      type: "boolean",
      default: "true",
      description: "Stop in the reverse order",
    },
  ],
  rsc_ticket: [
    {
      name: "loss-policy",
      type: "select",
      default: "stop",
      values: ["stop", "demote", "fence", "freeze"],
      description: "What to do with the resources when the ticket is revoked",
    },
  ],
};

export function constraintCandidates(
  statement: string,
  rest: readonly LineWord[],
  prefix: string,
  context: CompletionContext,
): Candidate[] {
  if (rest.length === 0) return [];
  if (statement === "location") return locationCandidates(rest, context);
  if (rest.length === 1) {
    if (statement === "colocation") return [...scoreForms];
    if (statement === "order") {
      return [...orderKindForms, ...idCandidates(context, constrainableKinds)];
    }
    return [];
  }
  const options = trailingOptions[statement] ?? [];
  if (prefix.includes("=")) {
    return attributeCandidates(options, prefix, { kind: "keyword", given: new Set() });
  }
  const suffixes = statement === "order" ? orderActions : roleNames;
  const given = assignedNames(rest.map((word) => word.value));
  return [
    ...memberCandidates(rest.slice(rest[1]?.shape === "score" ? 2 : 1), prefix, suffixes, context),
    ...attributeCandidates(options, "", { kind: "keyword", given }),
  ];
}

function locationCandidates(rest: readonly LineWord[], context: CompletionContext): Candidate[] {
  if (rest.length === 1) return idCandidates(context, constrainableKinds);
  if (rest.length === 2) return [...scoreForms, ...keywordCandidates(["rule"], "rule")];
  const scoreOrRule = rest[2];
  if (scoreOrRule?.value.toLowerCase() === "rule") {
    return rest.length === 3
      ? [...scoreForms, ...keywordCandidates(["#uname", "defined", "not_defined", "date"])]
      : keywordCandidates(["#uname", "defined", "not_defined", "date"]);
  }
  return rest.length === 3 ? idCandidates(context, ["node"]) : [];
}

/** Resources not yet listed; after `rsc:`, the roles or actions as `rsc:Started`. */
function memberCandidates(
  members: readonly LineWord[],
  prefix: string,
  suffixes: readonly string[],
  context: CompletionContext,
): Candidate[] {
  const colon = prefix.indexOf(":");
  if (colon >= 0) {
    const resource = prefix.slice(0, colon);
    return suffixes.map((suffix) => ({ label: `${resource}:${suffix}`, kind: "keyword" as const }));
  }
  const listed = new Set(members.map((word) => word.value.split(":")[0] ?? word.value));
  return idCandidates(context, constrainableKinds, { exclude: listed });
}
