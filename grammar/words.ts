/**
 * The words of one line as completion and highlighting see them: lexer tokens survive
 * partial input (an open quote, a half-typed keyword), so the cursor is classified from them.
 */
import { classifyLine, payloadOf } from "./classify.js";
import { logicalLines } from "./lines.js";
import { keywordOfToken } from "./tokens.js";

export type WordShape =
  | "keyword"
  | "word"
  | "assignment"
  | "id_assignment"
  | "id_ref_assignment"
  | "role_assignment"
  | "nvpair_id_assignment"
  | "reference"
  | "score"
  | "typed_operator"
  | "bracket";

export interface LineWord {
  /** Text after quote removal. */
  readonly value: string;
  /** Offsets in the line: start inclusive, end exclusive (quotes included). */
  readonly start: number;
  readonly end: number;
  readonly shape: WordShape;
  /** The canonical keyword for keyword words (`prim` at the head → `primitive`). */
  readonly keyword?: string;
}

const shapes: Readonly<Record<string, WordShape>> = {
  Word: "word",
  Assignment: "assignment",
  IdAssign: "id_assignment",
  IdRefAssign: "id_ref_assignment",
  RoleAssign: "role_assignment",
  NvpairIdAssign: "nvpair_id_assignment",
  AtRef: "reference",
  Label: "score",
  TypedOperator: "typed_operator",
  LParen: "bracket",
  RParen: "bracket",
  LBracket: "bracket",
  RBracket: "bracket",
  LBrace: "bracket",
  RBrace: "bracket",
};

/**
 * The words of a single line (no continuation), in order. Never throws: an unterminated
 * quote yields the words before it.
 */
export function lineWords(line: string): LineWord[] {
  const [logical] = logicalLines(line.replace(/\n/g, " "));
  if (logical === undefined) return [];
  const leading = line.length - line.trimStart().length;
  return classifyLine(logical).tokens.map((token) => {
    const keyword = keywordOfToken.get(token.tokenType);
    const shape = keyword === undefined ? (shapes[token.tokenType.name] ?? "word") : "keyword";
    return {
      value: payloadOf(token).value,
      start: leading + token.startOffset,
      end: leading + token.startOffset + token.image.length,
      shape,
      ...(keyword === undefined ? {} : { keyword }),
    };
  });
}
