// backend/configure/edit: pure edits of a CIB tree (delete, rename, modgroup, erase, load).
// Each returns Result<{ cib, notes }> and never mutates its input.
export type { EditCode, EditIssue, EditResult } from "./result.js";
export { deleteObjects } from "./delete.js";
export { renameObject } from "./rename.js";
export type { GroupChange } from "./modgroup.js";
export { modifyGroup } from "./modgroup.js";
export { eraseConfiguration } from "./erase.js";
export type { LoadMode } from "./load.js";
export { prepareLoad, loadConfigurationXml } from "./load.js";
