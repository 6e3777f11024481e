import { fail, issue, ok, type Result } from "../../backend/base/index.js";

/**
 * The XPath 1.0 subset ACL permissions use (Pacemaker Explained, crmsh's role shortcuts):
 * absolute and relative location paths with `/` and `//`, name tests and `*`, `@name`/`@*`,
 * `.` and `..`, `text()`/`node()`, predicates with `and`/`or`, comparisons, numbers
 * (positions), string literals and a few functions (not, contains, starts-with, last,
 * position, count, name, local-name, string, normalize-space, true, false).
 */
export type XpathExpression =
  | { readonly kind: "path"; readonly absolute: boolean; readonly steps: readonly XpathStep[] }
  | { readonly kind: "literal"; readonly value: string }
  | { readonly kind: "number"; readonly value: number }
  | {
      readonly kind: "binary";
      readonly operator: BinaryOperator;
      readonly left: XpathExpression;
      readonly right: XpathExpression;
    }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly XpathExpression[] };

export type BinaryOperator = "or" | "and" | "=" | "!=" | "<" | "<=" | ">" | ">=";

export type XpathAxis = "child" | "descendant_or_self" | "attribute" | "self" | "parent";

export interface XpathStep {
  readonly axis: XpathAxis;
  /** A name, `*`, or `node()` / `text()`. */
  readonly test: string;
  readonly predicates: readonly XpathExpression[];
}

export const xpathFunctions = [
  "not",
  "contains",
  "starts-with",
  "last",
  "position",
  "count",
  "name",
  "local-name",
  "string",
  "normalize-space",
  "true",
  "false",
];

/** Longest xpath accepted, in characters. */
export const xpathLengthMax = 2000;

const tokenPattern =
  /\s*(?:(\/\/|\/|\[|\]|\(|\)|@|\*|,|!=|<=|>=|=|<|>|\.\.|\.|\|)|'([^']*)'|"([^"]*)"|(\d+(?:\.\d*)?|\.\d+)|([A-Za-z_][\w.-]*))/y;

interface Token {
  readonly text: string;
  readonly kind: "symbol" | "literal" | "number" | "name";
  readonly offset: number;
}

function tokenize(text: string): Result<Token[]> {
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < text.length) {
    tokenPattern.lastIndex = offset;
    const match = tokenPattern.exec(text);
    if (match === null) {
      if (text.slice(offset).trim() === "") break;
      return fail([issue("bad_xpath", `Cannot read the xpath at column ${offset + 1}: "${text}"`)]);
    }
    const start = match.index + (match[0].length - match[0].trimStart().length);
    if (match[1] !== undefined) tokens.push({ text: match[1], kind: "symbol", offset: start });
    else if (match[2] !== undefined || match[3] !== undefined)
      tokens.push({ text: match[2] ?? match[3] ?? "", kind: "literal", offset: start });
    else if (match[4] !== undefined) tokens.push({ text: match[4], kind: "number", offset: start });
    else tokens.push({ text: match[5] ?? "", kind: "name", offset: start });
    offset = tokenPattern.lastIndex;
  }
  return ok(tokens);
}

class XpathParser {
  #index = 0;
  constructor(
    readonly tokens: readonly Token[],
    readonly text: string,
  ) {}

  get done(): boolean {
    return this.#index >= this.tokens.length;
  }

  peek(): Token | undefined {
    return this.tokens[this.#index];
  }

  next(): Token {
    const token = this.tokens[this.#index++];
    if (token === undefined) throw new XpathSyntaxError(`the xpath ends too early`);
    return token;
  }

  accept(text: string): boolean {
    const token = this.peek();
    if (token?.kind !== "symbol" && token?.kind !== "name") return false;
    if (token.text !== text) return false;
    this.#index++;
    return true;
  }

  expect(text: string): void {
    const token = this.peek();
    if (!this.accept(text)) {
      const where = token === undefined ? "at the end" : `at column ${token.offset + 1}`;
      throw new XpathSyntaxError(`expected "${text}" ${where}`);
    }
  }

  orExpression(): XpathExpression {
    let left = this.andExpression();
    while (this.accept("or"))
      left = { kind: "binary", operator: "or", left, right: this.andExpression() };
    return left;
  }

  andExpression(): XpathExpression {
    let left = this.comparison();
    while (this.accept("and"))
      left = { kind: "binary", operator: "and", left, right: this.comparison() };
    return left;
  }

  comparison(): XpathExpression {
    let left = this.primary();
    for (;;) {
      const token = this.peek();
      const operators: readonly string[] = ["=", "!=", "<", "<=", ">", ">="];
      if (token?.kind !== "symbol" || !operators.includes(token.text)) return left;
      this.next();
      left = {
        kind: "binary",
        operator: token.text as BinaryOperator,
        left,
        right: this.primary(),
      };
    }
  }

  primary(): XpathExpression {
    const token = this.peek();
    if (token === undefined) throw new XpathSyntaxError("the xpath ends too early");
    if (token.kind === "literal") return (this.next(), { kind: "literal", value: token.text });
    if (token.kind === "number")
      return (this.next(), { kind: "number", value: Number(token.text) });
    if (token.kind === "symbol" && token.text === "(") {
      this.next();
      const inner = this.orExpression();
      this.expect(")");
      return inner;
    }
    const following = this.tokens[this.#index + 1];
    const nodeTest = token.text === "text" || token.text === "node";
    if (
      token.kind === "name" &&
      following?.text === "(" &&
      following.kind === "symbol" &&
      !nodeTest
    ) {
      return this.call(token.text);
    }
    return this.path();
  }

  call(name: string): XpathExpression {
    if (!xpathFunctions.includes(name))
      throw new XpathSyntaxError(`unsupported function ${name}()`);
    this.next();
    this.expect("(");
    const args: XpathExpression[] = [];
    if (!this.accept(")")) {
      do args.push(this.orExpression());
      while (this.accept(","));
      this.expect(")");
    }
    return { kind: "call", name, args };
  }

  path(): XpathExpression {
    const steps: XpathStep[] = [];
    let absolute = false;
    if (this.accept("//")) {
      absolute = true;
      steps.push(anyDescendant);
    } else if (this.accept("/")) {
      absolute = true;
      if (!this.startsStep()) return { kind: "path", absolute, steps };
    }
    steps.push(this.step());
    for (;;) {
      if (this.accept("//")) steps.push(anyDescendant, this.step());
      else if (this.accept("/")) steps.push(this.step());
      else return { kind: "path", absolute, steps };
    }
  }

  startsStep(): boolean {
    const token = this.peek();
    if (token === undefined) return false;
    return token.kind === "name" || ["@", "*", ".", ".."].includes(token.text);
  }

  step(): XpathStep {
    if (this.accept(".")) return { axis: "self", test: "node()", predicates: [] };
    if (this.accept("..")) return { axis: "parent", test: "node()", predicates: [] };
    const axis: XpathAxis = this.accept("@") ? "attribute" : "child";
    const token = this.next();
    let test = token.text;
    if (!(token.kind === "name" || test === "*")) {
      throw new XpathSyntaxError(`expected a name at column ${token.offset + 1}`);
    }
    if (axis === "child" && (test === "text" || test === "node") && this.accept("(")) {
      this.expect(")");
      test = `${test}()`;
    }
    const predicates: XpathExpression[] = [];
    while (this.accept("[")) {
      predicates.push(this.orExpression());
      this.expect("]");
    }
    return { axis, test, predicates };
  }
}

const anyDescendant: XpathStep = { axis: "descendant_or_self", test: "node()", predicates: [] };

class XpathSyntaxError extends Error {}

/** Reads an xpath of the supported subset, or says where it is not understood. */
export function parseXpath(text: string): Result<XpathExpression> {
  if (text.length > xpathLengthMax) {
    return fail([issue("bad_xpath", `The xpath is longer than ${xpathLengthMax} characters`)]);
  }
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const parser = new XpathParser(tokens.value, text);
  try {
    const expression = parser.orExpression();
    if (!parser.done) {
      const token = parser.peek();
      throw new XpathSyntaxError(
        `unexpected "${token?.text ?? ""}" at column ${(token?.offset ?? 0) + 1}`,
      );
    }
    return ok(expression);
  } catch (error) {
    if (!(error instanceof XpathSyntaxError)) throw error;
    return fail([issue("bad_xpath", `Unsupported xpath "${text}": ${error.message}`)]);
  }
}
