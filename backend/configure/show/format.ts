/**
 * The small text conventions of crmsh's CLI printer: which values need quotes, how a
 * `name=value` pair is written, how parts of one object are joined, how scores read.
 */

/** A value crmsh prints bare: word characters (Unicode letters and digits), `.` and `-`. */
// Python's `$` also matches before one final newline, so crmsh prints "a\n" bare too.
const bareValue = /^[\p{L}\p{N}_.-]+\n?$/u;

export function needsNoQuotes(value: string): boolean {
  return bareValue.test(value);
}

/** Wraps a value in double quotes unless it is bare; embedded `"` become `\"`. */
export function quoteWrap(value: string): string {
  if (needsNoQuotes(value)) return value;
  return `"${value.replaceAll('"', '\\"')}"`;
}

/** `name=value` (value quoted as needed), or the bare name for an nvpair without a value. */
export function nvpairFormat(name: string, value: string | undefined): string {
  return value === undefined ? name : `${name}=${quoteWrap(value)}`;
}

/** Continuation between the parts of one object: space, backslash, newline, tab. */
export const continuation = " \\\n\t";

export function cliFormat(parts: readonly string[]): string {
  return parts.join(continuation);
}

/** A score attribute as crmsh prints it: `INFINITY` reads `inf`, else the score attribute. */
export function scoreText(element: { attributes: Record<string, string> }): string {
  const score = element.attributes["score"];
  if (score === undefined || score === "") return element.attributes["score-attribute"] ?? "";
  return score.replaceAll("INFINITY", "inf");
}

/** Translates a shell glob (`*`, `?`, `[…]`, `[!…]`) into an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let index = 0; index < glob.length; index++) {
    const character = glob[index] as string;
    if (character === "*") source += "[\\s\\S]*";
    else if (character === "?") source += "[\\s\\S]";
    else if (character === "[") {
      const close = glob.indexOf("]", index + 2);
      if (close < 0) {
        source += "\\[";
        continue;
      }
      let body = glob.slice(index + 1, close);
      if (body.startsWith("!")) body = `^${body.slice(1)}`;
      source += `[${body.replace(/\\/g, "\\\\")}]`;
      index = close;
    } else source += character.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^(?:${source})$`, "u");
}

export function isGlob(text: string): boolean {
  return /[*?[]/.test(text);
}
