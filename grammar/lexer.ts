/**
 * The one Chevrotain lexer: shell words (Python shlex quoting) and soft keywords. Quote
 * removal, shapes and the head word are handled by classify.ts.
 */
import { Lexer, type ILexingResult } from "chevrotain";
import { lexerTokens } from "./tokens.js";

const lexer = new Lexer([...lexerTokens], {
  ensureOptimizations: true,
  positionTracking: "onlyOffset",
  skipValidations: true,
});

/** Splits one logical line into raw tokens (never throws; errors are in the result). */
export function lexLogicalLine(text: string): ILexingResult {
  return lexer.tokenize(text);
}

// Deviation: crmsh 4.4 replaces non-ASCII characters by the text of XML character references
// before parsing (`é` → `&#233;`), which then reach the CIB double-escaped
// (`caf&amp;#233;`); we keep the characters as written.

/**
 * Removes shell quoting as Python's shlex does in POSIX mode: outside quotes `\x` is `x`;
 * inside "…" a backslash escapes only `"` and `\`; '…' takes everything literally.
 */
export function unquote(raw: string): string {
  if (!/["'\\]/.test(raw)) return raw;
  let out = "";
  let quote: '"' | "'" | undefined;
  for (let index = 0; index < raw.length; index++) {
    const char = raw.charAt(index);
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else out += char;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === "\\" && (raw[index + 1] === '"' || raw[index + 1] === "\\")) {
        out += raw.charAt(index + 1);
        index += 1;
      } else out += char;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "\\") {
      out += raw.charAt(index + 1);
      index += 1;
    } else out += char;
  }
  return out;
}
