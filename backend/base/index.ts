export type { Issue, Span } from "./issues.js";
export { issue, isError } from "./issues.js";
export type { Result } from "./result.js";
export { ok, fail } from "./result.js";
export { BugError, assert, unreachable } from "./assert.js";
export { editDistance, nearest } from "./nearest.js";
export { crmValuedOptions } from "./crm-options.js";
export { quorateVersion } from "./version.js";
export { ctimeText, type CalendarTime } from "./ctime.js";
