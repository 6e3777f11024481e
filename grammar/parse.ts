/**
 * Text → AST: logical lines → classified tokens → CST (one parser) → AST with issues.
 */
import type { IRecognitionException, IToken } from "chevrotain";
import { issue, isError, nearest, type Issue, type Span } from "../backend/base/index.js";
import type { ParseResult, Statement, StatementBase, XmlStatement } from "./ast.js";
import { classifyLine, payloadOf, type TokenPayload } from "./classify.js";
import type { StatementCstNode } from "./cst.js";
import { sectionKeywords, sectionsByStatement, type StatementKeyword } from "./keywords.js";
import { logicalLines, spanAt, type LogicalLine } from "./lines.js";
import { parseStatementTokens } from "./parser/index.js";
import { statementToAst } from "./to-ast.js";
import { AstContext } from "./to-ast/context.js";

interface StatementOutcome {
  readonly statement: Statement | undefined;
  readonly issues: readonly Issue[];
}

function endSpan(line: LogicalLine): Span {
  return spanAt(line, line.text.length, 0);
}

function xmlStatement(line: LogicalLine, head: IToken, base: StatementBase): StatementOutcome {
  // The element is taken as written: collapsing blanks would change attribute values.
  const text = line.text.slice(head.startOffset + head.image.length).trim();
  if (!text.startsWith("<")) {
    const span = text === "" ? endSpan(line) : spanAt(line, line.text.indexOf(text.charAt(0),
      head.startOffset + head.image.length), 1);
    return {
      statement: undefined,
      issues: [issue("missing_part", "Expected an XML element after xml", { span, path: ["xml"] })],
    };
  }
  const statement: XmlStatement = { kind: "xml", ...base, text };
  return { statement, issues: [] };
}

function parseIssue(
  line: LogicalLine,
  head: StatementKeyword,
  error: IRecognitionException,
): Issue {
  const payload = error.token.payload as TokenPayload | undefined;
  const span = payload?.span ?? endSpan(line);
  const word = payload?.value;
  const candidates = sectionsByStatement[head] ?? sectionKeywords;
  const suggestion = word === undefined || error.token.tokenType.name !== "Word"
    ? undefined
    : nearest(word, candidates);
  return issue("syntax", error.message, {
    span,
    path: [head],
    ...(suggestion === undefined ? {} : { suggestion }),
  });
}

/** Parses one logical line into a statement and its issues. */
function parseLogicalLine(line: LogicalLine): StatementOutcome {
  const classified = classifyLine(line);
  const first = classified.tokens[0];
  const head = classified.head;
  if (first === undefined || head === undefined) {
    return { statement: undefined, issues: classified.issues };
  }
  const base: StatementBase = { span: payloadOf(first).span, comments: line.comments };
  if (head === "xml") return xmlStatement(line, first, base);
  if (classified.issues.length > 0) return { statement: undefined, issues: classified.issues };
  const parsed = parseStatementTokens(classified.tokens);
  const firstError = parsed.errors[0];
  if (firstError !== undefined) {
    return { statement: undefined, issues: [parseIssue(line, head, firstError)] };
  }
  const context = new AstContext(base.span);
  const statement = statementToAst(context, parsed.cst as StatementCstNode, base);
  const issues = context.issues.map((found) => ({ ...found, path: [head] }));
  return { statement, issues };
}

/** Parses a whole script or file: one statement per logical line. Never throws. */
export function parseScript(text: string): ParseResult<Statement[]> {
  const statements: Statement[] = [];
  const issues: Issue[] = [];
  let failed = false;
  for (const line of logicalLines(text)) {
    const outcome = parseLogicalLine(line);
    issues.push(...outcome.issues);
    if (outcome.issues.some(isError)) failed = true;
    else if (outcome.statement !== undefined) statements.push(outcome.statement);
  }
  if (failed) return { ok: false, partial: statements, issues };
  return { ok: true, value: statements, issues };
}

/** Parses one statement (continuation lines allowed; a leading comment is kept). */
export function parseLine(text: string): ParseResult<Statement> {
  const lines = logicalLines(text);
  const [line, extra] = lines;
  if (line === undefined) {
    return {
      ok: false,
      partial: undefined,
      issues: [issue("missing_part", "Expected a statement", {
        span: { line: 1, column: 1, offset: 0, length: 0 },
      })],
    };
  }
  const outcome = parseLogicalLine(line);
  const issues = [...outcome.issues];
  if (extra !== undefined) {
    issues.push(issue("syntax", "Expected one statement, found more", {
      span: spanAt(extra, 0, extra.text.length),
    }));
  }
  if (outcome.statement === undefined || issues.some(isError)) {
    return { ok: false, partial: outcome.statement, issues };
  }
  return { ok: true, value: outcome.statement, issues };
}
