// backend/file: the offline CIB file backend (CIB_file=PATH), an edge: reads, digests and
// atomically writes a CIB XML file, moving its version as cibadmin does.
export type { CibFile, CibFileCode, WriteCibOptions } from "./cib-file.js";
export { readCibFile, parseCibText, writeCibFile } from "./cib-file.js";
export { advanceVersion, cibChanged } from "./version.js";
