/** How crmsh 4.4 writes a score token (the text before the `:`) into the CIB. */
export type ScoreAttribute =
  | { readonly name: "score"; readonly value: string }
  | { readonly name: "score-attribute"; readonly value: string };

const numericOrInfinity = /^[+-]?(inf(inity)?|INF(INITY)?|[0-9]+)$/;
const infinitySpelling = /inf(inity)?|INF(INITY)?/;

/**
 * `inf`/`INF`/`infinity`/`INFINITY` (sign kept) → INFINITY, integers as written,
 * `mandatory`/`advisory` (any case) → INFINITY/0, anything else names a node attribute.
 * The infinity match is case-sensitive as in crmsh: `Inf` becomes a score-attribute.
 */
export function scoreAttribute(raw: string): ScoreAttribute {
  const lower = raw.toLowerCase();
  if (lower === "mandatory") return { name: "score", value: "INFINITY" };
  if (lower === "advisory") return { name: "score", value: "0" };
  if (numericOrInfinity.test(raw)) {
    return { name: "score", value: raw.replace(infinitySpelling, "INFINITY") };
  }
  return { name: "score-attribute", value: raw };
}

export const orderKinds = ["Mandatory", "Optional", "Serialize"] as const;
export type OrderKind = (typeof orderKinds)[number];

/**
 * An order's score token as its `kind`: a kind name (any case), or a number/infinity
 * (`0` → Optional, anything else → Mandatory). Undefined for anything else (crmsh:
 * `Invalid kind`; `advisory` is not a kind).
 */
export function orderKind(raw: string): OrderKind | undefined {
  const lower = raw.toLowerCase();
  const named = orderKinds.find((kind) => kind.toLowerCase() === lower);
  if (named !== undefined) return named;
  if (!numericOrInfinity.test(raw)) return undefined;
  return raw.replace(infinitySpelling, "INFINITY") === "0" ? "Optional" : "Mandatory";
}
