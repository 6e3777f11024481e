export type { XmlElement, XmlComment, XmlText, XmlNode } from "./xml-node.js";
export {
  element,
  comment,
  isElement,
  childElements,
  firstChild,
  ensureChild,
  cloneNode,
  descendants,
  indexById,
  findById,
  nodesEqual,
} from "./xml-node.js";
export type { XmlReadCode, XmlReadOptions } from "./xml-read.js";
export { readXml, positionOf } from "./xml-read.js";
export type { XmlWriteOptions } from "./xml-write.js";
export { writeXml, escapeAttribute, escapeText, forbiddenXmlCharacters } from "./xml-write.js";
export { emptyCib, crmFeatureSet, validateWith } from "./empty-cib.js";
// Pacemaker v2 patchsets (diff, XML form), CIB versions and the digest: shared by the CIB
// daemon and the shell's live backend, which commits a staged session as a patch.
export { md5Hex } from "./diff-md5.js";
export { cibDigest } from "./diff-digest.js";
export type { CibVersion } from "./diff-versions.js";
export {
  cibVersion,
  compareVersions,
  nextVersion,
  setCibVersion,
  versionText,
} from "./diff-versions.js";
export type {
  AttributeChange,
  PatchChange,
  Patchset,
  PatchsetIssueCode,
} from "./diff-patchset.js";
export { patchsetFromXml, patchsetToXml } from "./diff-patchset.js";
export { diffCib, elementKeys } from "./diff.js";
export type { PathIssueCode } from "./diff-path.js";
export { pathSegment, resolvePath } from "./diff-path.js";
