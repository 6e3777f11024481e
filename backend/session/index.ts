// backend/session: one CIB session API over every backend (file, live, pacemaker): read the
// CIB, stage changes, commit them against the version read, refresh.
export type { CibBackend, CibBackendKind, CibRead, SessionCode } from "./backend.js";
export { isConflict } from "./backend.js";
export { StagedSession } from "./staged-session.js";
export { FileBackend } from "./file-backend.js";
export { LiveBackend, clientIssue } from "./live-backend.js";
export { replayChanges } from "./replay.js";
export { conflictMessage, conflictSuggestion, versionNumbers, versionText } from "./versions.js";
export { withMemberNodes, withMembership } from "./membership-status.js";
