import { fail, ok, type Result } from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { aclsEnabled, checkCibWrite, cibReadableBy } from "../cib/index.js";
import type { ClientIdentity } from "./client-handlers.js";

/**
 * What the CIB's ACLs decide for a restricted identity (an unrestricted one, root and the
 * cluster's own daemons, is never asked): what of the CIB it may read (undefined: nothing; the
 * CIB itself, not to be changed, when it may read all), and whether it may make a write.
 */
export interface CibAccess {
  readable(cib: XmlElement, identity: ClientIdentity): XmlElement | undefined;
  checkWrite(
    before: XmlElement,
    after: XmlElement,
    identity: ClientIdentity,
  ): Result<void, "permission_denied">;
}

/** The identity the daemons of this process (controller, attrd, fencer) write with. */
export const clusterDaemonIdentity: ClientIdentity = { user: "hacluster", unrestricted: true };

/**
 * The ACLs of the CIB itself (acl_target, acl_group, acl_role; deny by default), enforced
 * only while its `enable-acl` option is true, as Pacemaker does (reads, notifications: the
 * CIB read; writes: the CIB written to).
 */
export const cibAclAccess: CibAccess = {
  readable: (cib, identity) => (aclsEnabled(cib) ? cibReadableBy(cib, identity) : cib),
  checkWrite: (before, after, identity) => {
    if (!aclsEnabled(before)) return ok(undefined);
    const checked = checkCibWrite(before, after, identity);
    if (checked.ok) return ok(undefined);
    const text = checked.issues.map((entry) => entry.message).join("; ");
    return fail([{ code: "permission_denied", message: text }]);
  },
};
