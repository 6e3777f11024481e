/** Moved to backend/cib (the shell's live backend diffs too); re-exported for this area. */
export { cibDigest } from "../../backend/cib/index.js";
