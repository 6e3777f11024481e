// backend/configure: pure, the crm configure language's AST <-> CIB, and edits of a CIB.
export * from "./to-cib/index.js";
export * from "./show/index.js";
export * from "./verify/index.js";
export * from "./edit/index.js";
