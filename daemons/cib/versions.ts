/** Moved to backend/cib (the shell's live backend diffs too); re-exported for this area. */
export type { CibVersion } from "../../backend/cib/index.js";
export {
  cibVersion,
  compareVersions,
  nextVersion,
  setCibVersion,
  versionText,
} from "../../backend/cib/index.js";
