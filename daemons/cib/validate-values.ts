/**
 * The attribute value types Pacemaker's schema (pacemaker-3.x, XML Schema datatypes) gives the
 * CIB's attributes: free text, ID/IDREF (NCName), the integer families, xsd:boolean, scores,
 * enumerations and patterns.
 */
export type ValueType =
  | "text"
  | "id"
  | "idref"
  | "integer"
  | "non_negative_integer"
  | "positive_integer"
  | "boolean"
  | "score"
  | { readonly oneOf: readonly string[] }
  | { readonly pattern: RegExp; readonly expected: string };

/** An XML NCName: a name without a colon that does not start with a digit, dot or hyphen. */
const ncName = /^[\p{L}_][\p{L}\p{N}\p{M}_.\-\u00B7\u203F\u2040]*$/u;
const integerText = /^\s*[+-]?\d+\s*$/;
const booleans = ["true", "false", "1", "0"];
const infinities = ["INFINITY", "+INFINITY", "-INFINITY"];

export function oneOf(...values: string[]): ValueType {
  return { oneOf: values };
}

export function isNcName(text: string): boolean {
  return ncName.test(text);
}

function integerValue(text: string): bigint | undefined {
  return integerText.test(text) ? BigInt(text.trim()) : undefined;
}

/** Why `value` is not of `type`, or undefined when it is. */
export function valueProblem(type: ValueType, value: string): string | undefined {
  if (typeof type !== "string") {
    if ("oneOf" in type) {
      if (type.oneOf.includes(value)) return undefined;
      return `expected one of ${type.oneOf.map((choice) => `"${choice}"`).join(", ")}`;
    }
    return type.pattern.test(value) ? undefined : `expected ${type.expected}`;
  }
  switch (type) {
    case "text":
      return undefined;
    case "id":
    case "idref":
      return isNcName(value.trim()) ? undefined : "expected an XML name (NCName)";
    case "integer":
      return integerValue(value) === undefined ? "expected an integer" : undefined;
    case "non_negative_integer": {
      const parsed = integerValue(value);
      return parsed === undefined || parsed < 0n ? "expected a non-negative integer" : undefined;
    }
    case "positive_integer": {
      const parsed = integerValue(value);
      return parsed === undefined || parsed < 1n ? "expected a positive integer" : undefined;
    }
    case "boolean":
      return booleans.includes(value.trim()) ? undefined : 'expected "true" or "false"';
    case "score":
      return infinities.includes(value) || integerValue(value) !== undefined
        ? undefined
        : 'expected an integer, "INFINITY", "+INFINITY" or "-INFINITY"';
  }
}
