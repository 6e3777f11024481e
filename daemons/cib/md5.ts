/** Moved to backend/cib (the shell's live backend diffs too); re-exported for this area. */
export { md5Hex } from "../../backend/cib/index.js";
