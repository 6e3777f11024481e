/**
 * The replicated CIB: Pacemaker v2 patchsets (diff, apply, digest), CIB versions, and the
 * CibReplica core that keeps every member's copy identical over the membership layer.
 */
// The patchset vocabulary lives in backend/cib (the shell's live backend diffs too); the
// daemons reach it through this area as well.
export type {
  AttributeChange,
  CibVersion,
  PatchChange,
  Patchset,
  PatchsetIssueCode,
} from "../../backend/cib/index.js";
export {
  cibDigest,
  cibVersion,
  compareVersions,
  diffCib,
  md5Hex,
  nextVersion,
  pathSegment,
  patchsetFromXml,
  patchsetToXml,
  resolvePath,
  setCibVersion,
  versionText,
} from "../../backend/cib/index.js";
export type { ApplyIssueCode } from "./apply.js";
export { applyPatchset } from "./apply.js";
export { CibReplica } from "./core.js";
export type {
  CibEffect,
  CibInput,
  CibReplicaConfig,
  CibReply,
  CibReplyCode,
  PersistedCib,
} from "./core-types.js";
export type { CibMessage, CibWireCode } from "./wire.js";
export { decodeCibMessage, encodeCibMessage } from "./wire.js";
export type { Announcement } from "./sync-round.js";
export { allHold, chooseSyncSource } from "./sync-round.js";
export type { CibValidationCode } from "./validate.js";
export { validateCibWrite } from "./validate.js";
export { validateCibChange } from "./validate-change.js";
export { CibIdIndex } from "./validate-index.js";
export type { TextHash } from "./serialized.js";
export { compactText, heldCibDigest, indentedText } from "./serialized.js";
export {
  archiveName,
  cibArchivesKept,
  cibFileNames,
  nextArchiveSlot,
  parseLastSlot,
  journalLine,
  parseJournal,
  parseSignature,
  journalKey,
  signatureName,
} from "./persist.js";
export type { JournalRecord } from "./persist.js";
export type { ReplayedCib } from "./persist-replay.js";
export { replayJournal } from "./persist-replay.js";
export type { CibQueryIssueCode } from "./host-query.js";
export { queryCibXpath } from "./host-query.js";
export type { CibWriteIssueCode } from "./host-write.js";
export { configurationChanged, erasedCib, writePatchset } from "./host-write.js";
export type { AclEntry, AclIdentity, AclMode } from "./acl-rules.js";
export { aclEntriesFor, aclsEnabled, permissionXpath, privilegedUsers } from "./acl-rules.js";
export { cibReadableBy, readableBy } from "./acl-read.js";
export type { AclIssueCode } from "./acl-write.js";
export { checkCibWrite } from "./acl-write.js";
export type { XpathExpression } from "./acl-xpath-parse.js";
export { parseXpath } from "./acl-xpath-parse.js";
export { selectElements } from "./acl-xpath-eval.js";
