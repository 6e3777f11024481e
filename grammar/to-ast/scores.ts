/**
 * Scores (crmsh.md §1.2): every spelling, normalized, with the raw text kept.
 */
import type { Span } from "../../backend/base/index.js";
import type { Score } from "../ast.js";
import type { AstContext } from "./context.js";

const infinity = /^([+-]?)(inf|INF|infinity|INFINITY)$/;
const integer = /^[+-]?\d+$/;
const attributeName = /^[A-Za-z_#][\w.#:-]*$/;

/** The score written as `raw` (without its colon). */
export function toScore(context: AstContext, raw: string, span: Span): Score {
  const infinite = infinity.exec(raw);
  if (infinite !== null) {
    return { raw, form: "infinity", value: `${infinite[1] ?? ""}INFINITY`, span };
  }
  if (integer.test(raw)) return { raw, form: "integer", value: raw, span };
  const lower = raw.toLowerCase();
  if (lower === "mandatory") return { raw, form: "mandatory", value: "INFINITY", span };
  if (lower === "advisory") return { raw, form: "advisory", value: "0", span };
  // Deviation: crmsh reads `Inf:` or `-Infinity:` as score-attribute="Inf", which the schema
  // then rejects; we report the misspelt infinity here instead.
  if (/^[+-]?inf(inity)?$/i.test(raw)) {
    const sign = raw.startsWith("-") ? "-" : raw.startsWith("+") ? "+" : "";
    context.error("invalid_score", `Invalid score "${raw}" (infinity is written inf or INFINITY)`,
      span, `${sign}inf`);
  } else if (!attributeName.test(raw)) {
    context.error("invalid_score",
      `Invalid score "${raw}": expected an integer, inf, mandatory, advisory or a node attribute`,
      span);
  }
  return { raw, form: "attribute", attribute: raw, span };
}
