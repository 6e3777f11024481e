/** Public surface of grammar/: crm configure text ⇄ typed AST. */
export type * from "./ast.js";
export type { GrammarIssueCode } from "./to-ast/context.js";
export { parseLine, parseScript } from "./parse.js";
export { formatIssue } from "./format-issue.js";
export { resolveHeadWord } from "./classify.js";
export * from "./keywords.js";
export { print, printStatement } from "./print.js";
export { lineWords, type LineWord, type WordShape } from "./words.js";
