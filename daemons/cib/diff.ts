/** Moved to backend/cib (the shell's live backend diffs too); re-exported for this area. */
export { diffCib, elementKeys } from "../../backend/cib/index.js";
