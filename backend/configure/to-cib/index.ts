// backend/configure/to-cib: crm configure AST → CIB XML, with crmsh 4.4's ids and checks.
export type { ApplyOptions } from "./apply-statements.js";
export { applyStatements, defaultOcfProviders } from "./apply-statements.js";
export type { ApplyMode } from "./create-object.js";
export type { ToCibCode, ToCibIssue } from "./build-context.js";
export { IdStore } from "./id-store.js";
export type { ScoreAttribute } from "./score.js";
export { scoreAttribute, orderKind, orderKinds } from "./score.js";
