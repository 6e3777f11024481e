/** Moved to backend/cib (the shell's live backend diffs too); re-exported for this area. */
export type { PathIssueCode } from "../../backend/cib/index.js";
export { pathSegment, resolvePath } from "../../backend/cib/index.js";
