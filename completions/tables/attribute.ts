/** A named attribute with a type, as Pacemaker's option tables describe them. */
export type AttributeType =
  "boolean" | "integer" | "score" | "time" | "percentage" | "select" | "string";

export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly default?: string;
  /** The allowed values of a `select`. */
  readonly values?: readonly string[];
  readonly description: string;
}

/** `boolean, default true — Whether…` or `select stop|freeze, default stop — …`. */
export function describeAttribute(definition: AttributeDefinition): string {
  const type =
    definition.type === "select" && definition.values !== undefined
      ? `select ${definition.values.join("|")}`
      : definition.type;
  const fallback = definition.default === undefined ? "" : `, default ${definition.default}`;
  return `${type}${fallback} — ${definition.description}`;
}

/** The values a `name=` can take when they are enumerated. */
export function attributeValues(definition: AttributeDefinition): readonly string[] {
  if (definition.type === "boolean") return ["true", "false"];
  return definition.values ?? [];
}
