/**
 * After the lexer: quote removal, word shapes (`name=value`, `N:`, `$id=`, `@ref`, brackets),
 * brackets glued to resource names in constraints, and the head word (any unambiguous prefix
 * of a statement keyword, or an alias).
 */
import { createTokenInstance, type IToken, type TokenType } from "chevrotain";
import { issue, nearest, type Issue, type Span } from "../backend/base/index.js";
import { statementAliases, statementKeywords, type StatementKeyword } from "./keywords.js";
import { lexLogicalLine, unquote } from "./lexer.js";
import { spanAt, type LogicalLine } from "./lines.js";
import * as t from "./tokens.js";

/**
 * What every token carries: its text after quote removal and its span in the source. The
 * span is computed on first use (most tokens never need one).
 */
export class TokenPayload {
  #span: Span | undefined;
  constructor(
    readonly value: string,
    private readonly line: LogicalLine,
    private readonly offset: number,
    private readonly length: number,
  ) {}

  get span(): Span {
    this.#span ??= spanAt(this.line, this.offset, this.length);
    return this.#span;
  }
}

export function payloadOf(token: IToken): TokenPayload {
  return token.payload as TokenPayload;
}

const headTokens: Readonly<Record<StatementKeyword, TokenType>> = {
  node: t.Node,
  primitive: t.Primitive,
  monitor: t.Monitor,
  group: t.Group,
  clone: t.Clone,
  ms: t.Ms,
  rsc_template: t.RscTemplate,
  bundle: t.Bundle,
  location: t.Location,
  colocation: t.Colocation,
  order: t.Order,
  rsc_ticket: t.RscTicket,
  property: t.Property,
  rsc_defaults: t.RscDefaults,
  op_defaults: t.OpDefaults,
  fencing_topology: t.FencingTopology,
  tag: t.Tag,
  role: t.Role,
  acl_target: t.AclTarget,
  acl_group: t.AclGroup,
  user: t.User,
  alert: t.Alert,
  xml: t.Xml,
};

const headWords: readonly string[] = [...statementKeywords, ...Object.keys(statementAliases)];

/**
 * The statement keyword a head word stands for: exact, alias, or unique prefix.
 * Deviation: crmsh accepts abbreviated commands only interactively; we accept an unambiguous
 * prefix everywhere (files too), which never changes the meaning of a valid crmsh file.
 */
export function resolveHeadWord(word: string): StatementKeyword | undefined {
  const lower = word.toLowerCase();
  const exact = (statementKeywords as readonly string[]).includes(lower)
    ? (lower as StatementKeyword)
    : Object.hasOwn(statementAliases, lower) ? statementAliases[lower] : undefined;
  if (exact !== undefined) return exact;
  if (lower === "") return undefined;
  const matches = new Set<StatementKeyword>();
  for (const candidate of headWords) {
    if (candidate.startsWith(lower)) {
      const resolved = statementAliases[candidate] ?? (candidate as StatementKeyword);
      matches.add(resolved);
    }
  }
  return matches.size === 1 ? [...matches][0] : undefined;
}

const typedOperator = /^(string|integer|number|version):(lt|gt|lte|gte|eq|ne)$/i;
const nvpairWithId = /^\$[^:=]+:[^=]+=/;

const brackets: Readonly<Record<string, TokenType>> = {
  "(": t.LParen,
  ")": t.RParen,
  "[": t.LBracket,
  "]": t.RBracket,
  "{": t.LBrace,
  "}": t.RBrace,
};

/** The shape of a `$…` or `role=…` word. */
function dollarShape(value: string): TokenType | undefined {
  const lower = value.slice(0, 8).toLowerCase();
  if (lower.startsWith("$id=")) return t.IdAssign;
  if (lower.startsWith("$id-ref=")) return t.IdRefAssign;
  if (lower.startsWith("$role=") || lower.startsWith("role=")) return t.RoleAssign;
  if (nvpairWithId.test(value)) return t.NvpairIdAssign;
  return undefined;
}

/** The shape of a plain word, from its unquoted text. */
function shapeOf(value: string): TokenType {
  if (value.length === 1) return brackets[value] ?? t.Word;
  const first = value.charCodeAt(0);
  // "$" or "r"/"R": $id=, $id-ref=, $role=, $ID:name=value, role=
  if (first === 36 || first === 114 || first === 82) {
    const shape = dollarShape(value);
    if (shape !== undefined) return shape;
  }
  if (first === 64) return t.AtRef;
  if (value.indexOf("=") > 0) return t.Assignment;
  if (value.charCodeAt(value.length - 1) === 58) return t.Label;
  if (value.indexOf(":") > 0 && typedOperator.test(value)) return t.TypedOperator;
  return t.Word;
}

function makeToken(
  type: TokenType,
  image: string,
  startOffset: number,
  line: LogicalLine,
): IToken {
  const token = createTokenInstance(type, image, startOffset, startOffset + image.length - 1,
    NaN, NaN, NaN, NaN);
  token.payload = new TokenPayload(unquote(image), line, startOffset, image.length);
  return token;
}

function retype(token: IToken, type: TokenType): void {
  token.tokenType = type;
  token.tokenTypeIdx = type.tokenTypeIdx ?? 0;
}

/** Splits `(a`, `b)`, `[a`, `b]` (unquoted brackets glued to names) into separate tokens. */
function splitBrackets(token: IToken, line: LogicalLine): IToken[] {
  const image = token.image;
  const head: IToken[] = [];
  const tail: IToken[] = [];
  let start = 0;
  let end = image.length;
  while (end - start > 1 && (image[start] === "(" || image[start] === "[")) {
    head.push(makeToken(image[start] === "(" ? t.LParen : t.LBracket, image.charAt(start),
      token.startOffset + start, line));
    start += 1;
  }
  while (end - start > 1 && (image[end - 1] === ")" || image[end - 1] === "]")) {
    tail.unshift(makeToken(image[end - 1] === ")" ? t.RParen : t.RBracket,
      image.charAt(end - 1), token.startOffset + end - 1, line));
    end -= 1;
  }
  if (head.length === 0 && tail.length === 0) return [token];
  const middle = image.slice(start, end);
  return [...head, makeToken(shapeOf(unquote(middle)), middle, token.startOffset + start, line),
    ...tail];
}

export interface ClassifiedLine {
  readonly tokens: IToken[];
  readonly head: StatementKeyword | undefined;
  readonly issues: readonly Issue[];
}

const bracketStatements: ReadonlySet<StatementKeyword> = new Set([
  "colocation",
  "order",
  "rsc_ticket",
]);

function lexIssues(line: LogicalLine, errors: ReturnType<typeof lexLogicalLine>["errors"]) {
  return errors.map((error) => {
    const char = line.text.charAt(error.offset);
    const quoted = char === '"' || char === "'";
    return issue("syntax", quoted ? "No closing quotation" : `Unexpected character "${char}"`, {
      span: spanAt(line, error.offset, error.length),
    });
  });
}

/** Lexes and classifies one logical line. */
export function classifyLine(line: LogicalLine): ClassifiedLine {
  const lexed = lexLogicalLine(line.text);
  const issues: Issue[] = lexIssues(line, lexed.errors);
  // The lexer's tokens are reused: only their type (shape) changes and a payload is added.
  const tokens: IToken[] = lexed.tokens;
  for (const token of tokens) {
    const value = unquote(token.image);
    if (token.tokenType === t.Word) retype(token, shapeOf(value));
    token.payload = new TokenPayload(value, line, token.startOffset, token.image.length);
  }
  const first = tokens[0];
  if (first === undefined) return { tokens, head: undefined, issues };
  const head = resolveHeadWord(payloadOf(first).value);
  if (head === undefined) {
    const word = payloadOf(first).value;
    const suggestion = nearest(word, headWords);
    issues.push(issue("unknown_command", `Unknown command "${word}"`, {
      span: payloadOf(first).span,
      ...(suggestion === undefined ? {} : { suggestion }),
    }));
    return { tokens, head, issues };
  }
  retype(first, headTokens[head]);
  if (!bracketStatements.has(head)) return { tokens, head, issues };
  const split = tokens.flatMap((token, index) =>
    index >= 2 && token.tokenType !== t.Label ? splitBrackets(token, line) : [token],
  );
  return { tokens: split, head, issues };
}
