/** Moved to backend/cib (the shell's live backend diffs too); re-exported for this area. */
export type {
  AttributeChange,
  PatchChange,
  Patchset,
  PatchsetIssueCode,
} from "../../backend/cib/index.js";
export { patchsetFromXml, patchsetToXml } from "../../backend/cib/index.js";
