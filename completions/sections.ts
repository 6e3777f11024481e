/**
 * The keyword sections after a resource's head (params, meta, utilization, op…): which
 * section the cursor is in, and what it accepts.
 */
import { opNames, sectionsByStatement, type LineWord } from "../grammar/index.js";
import { actionsOf, parametersOf } from "./agents.js";
import { assignedNames, attributeCandidates } from "./attributes.js";
import { keywordCandidates, type Candidate, type CompletionContext } from "./context.js";
import {
  cloneMetaAttributes,
  opAttributes,
  resourceMetaAttributes,
} from "./tables/meta-attributes.js";

export interface SectionOptions {
  /** The statement keyword (`primitive`, `group`, `clone`…). */
  readonly statement: string;
  /** The agent spec of a primitive or template, for its parameter names. */
  readonly agent?: string;
}

/** Candidates after the head part of a statement; `words` follow that head part. */
export function sectionCandidates(
  words: readonly LineWord[],
  prefix: string,
  options: SectionOptions,
  context: CompletionContext,
): Candidate[] {
  const sections = sectionsByStatement[options.statement] ?? [];
  const opening = lastSection(words, sections);
  const keywords = prefix.includes("=")
    ? []
    : keywordCandidates(offered(sections, words), "section");
  if (opening === undefined) return keywords;
  const inside = words.slice(opening.index + 1).map((word) => word.value);
  const given = assignedNames(inside);
  const section = opening.name;
  if (section === "params" && options.agent !== undefined) {
    return [...parameterCandidates(options.agent, prefix, given, context), ...keywords];
  }
  if (section === "meta") {
    const clone = options.statement === "clone" || options.statement === "ms";
    const definitions = clone
      ? [...resourceMetaAttributes, ...cloneMetaAttributes]
      : resourceMetaAttributes;
    return [
      ...attributeCandidates(definitions, prefix, { kind: "meta_attribute", given }),
      ...keywords,
    ];
  }
  if (section === "op") {
    const operations = opCandidates(inside, prefix, options.agent, context);
    return inside.length === 0 ? operations : [...operations, ...keywords];
  }
  if (section === "op_meta") {
    return [
      ...attributeCandidates(opAttributes, prefix, { kind: "op_attribute", given }),
      ...keywords,
    ];
  }
  return keywords;
}

/** Parts of an op (op_params, op_meta) once an op is open; `operations` only as typed. */
const opParts: ReadonlySet<string> = new Set(["op_params", "op_meta"]);

function offered(sections: readonly string[], words: readonly LineWord[]): string[] {
  const opOpen = words.some((word) => (word.keyword ?? word.value).toLowerCase() === "op");
  return sections.filter((name) => name !== "operations" && (opOpen || !opParts.has(name)));
}

function lastSection(
  words: readonly LineWord[],
  sections: readonly string[],
): { readonly name: string; readonly index: number } | undefined {
  for (let index = words.length - 1; index >= 0; index--) {
    const word = words[index];
    if (word === undefined || word.shape === "assignment") continue;
    const name = (word.keyword ?? word.value).toLowerCase();
    if (sections.includes(name)) return { name, index };
  }
  return undefined;
}

function parameterCandidates(
  agent: string,
  prefix: string,
  given: ReadonlySet<string>,
  context: CompletionContext,
): Candidate[] {
  if (prefix.includes("=")) return [];
  return parametersOf(agent, context)
    .filter((parameter) => !given.has(parameter.name))
    .map((parameter) => ({
      label: `${parameter.name}=`,
      kind: "parameter" as const,
      detail:
        parameter.required === true ? `${parameter.shortDesc} (required)` : parameter.shortDesc,
    }));
}

const notOperations: ReadonlySet<string> = new Set(["meta-data", "validate-all", "usage"]);

/**
 * After `op`: the agent's actions (else the common op names); after `op NAME`: op attribute
 * names, and the interval and timeout the agent's meta-data advises for NAME (as crmsh).
 */
function opCandidates(
  inside: readonly string[],
  prefix: string,
  agent: string | undefined,
  context: CompletionContext,
): Candidate[] {
  const actions = agent === undefined ? [] : actionsOf(agent, context);
  const [name] = inside;
  if (name === undefined) {
    const names = actions.map((action) => action.name).filter((n) => !notOperations.has(n));
    return keywordCandidates(names.length > 0 ? names : opNames, "operation");
  }
  const given = assignedNames(inside);
  const advised = actions
    .filter((action) => action.name === name)
    .flatMap((action) => [
      ...(action.interval === undefined || given.has("interval")
        ? []
        : [`interval=${action.interval}`]),
      ...(action.timeout === undefined || given.has("timeout")
        ? []
        : [`timeout=${action.timeout}`]),
    ])
    .map((label) => ({
      label,
      kind: "value" as const,
      detail: "advised by the agent's meta-data",
    }));
  return [
    ...advised,
    ...attributeCandidates(opAttributes, prefix, { kind: "op_attribute", given }),
  ];
}
