/** Public surface of grammar/: crm configure text ⇄ typed AST. */
export type * from "./ast.js";
