/** `name=` candidates and their values, for meta, params, op and cluster options. */
import type { Candidate, CandidateKind } from "./context.js";
import {
  attributeValues,
  describeAttribute,
  type AttributeDefinition,
} from "./tables/attribute.js";

/**
 * `name=` for each definition not already set in `given`; once the prefix holds `name=`, the
 * enumerated values of that name (`target-role=Started`…).
 */
export function attributeCandidates(
  definitions: readonly AttributeDefinition[],
  prefix: string,
  options: { readonly kind: CandidateKind; readonly given: ReadonlySet<string> },
): Candidate[] {
  const equals = prefix.indexOf("=");
  if (equals >= 0) {
    const name = prefix.slice(0, equals);
    const definition = definitions.find((candidate) => candidate.name === name);
    if (definition === undefined) return [];
    return attributeValues(definition).map((value) => ({
      label: `${name}=${value}`,
      kind: "value" as const,
      ...(value === definition.default ? { detail: "default" } : {}),
    }));
  }
  return definitions
    .filter((definition) => !options.given.has(definition.name))
    .map((definition) => ({
      label: `${definition.name}=`,
      kind: options.kind,
      detail: describeAttribute(definition),
    }));
}

/** Names already assigned among `values` (`name=value` words). */
export function assignedNames(values: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const value of values) {
    const equals = value.indexOf("=");
    if (equals > 0) names.add(value.slice(0, equals));
  }
  return names;
}
