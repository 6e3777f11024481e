// backend/pacemaker: the pacemaker backend (CRM_BACKEND=pacemaker), an edge that drives
// Pacemaker's own tools (cibadmin, crm_diff, crm_mon) instead of a quorated.
export { PacemakerBackend } from "./pacemaker-backend.js";
export type { ToolOptions, ToolRun } from "./run-tool.js";
export { runTool, toolTimeoutMsDefault } from "./run-tool.js";
