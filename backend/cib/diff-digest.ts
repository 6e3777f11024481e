import { writeXml } from "./xml-write.js";
import type { XmlElement } from "./xml-node.js";
import { md5Hex } from "./diff-md5.js";

/**
 * The digest Pacemaker puts on a v2 patchset (`<diff digest=…>`) and checks after applying it:
 * MD5 over the unformatted XML of the whole CIB (no whitespace between tags, attributes in
 * document order, no trailing newline). Checked against `crm_diff -c`, which prints the same
 * value for the same document. We use it for the persisted copy's signature too.
 */
export function cibDigest(cib: XmlElement): string {
  return md5Hex(writeXml(cib, { indent: 0 }));
}
