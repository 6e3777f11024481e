import { fail, type Result } from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import type { ClientIdentity } from "./client-handlers.js";

/**
 * What the CIB's ACLs decide for a restricted identity (an unrestricted one, root and the
 * cluster's own daemons, is never asked): the copy of the CIB it may read (undefined: nothing),
 * and whether it may make a write.
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

/** Pacemaker's default for a user no ACL names: nothing readable, nothing writable. */
export const denyAllAccess: CibAccess = {
  readable: () => undefined,
  checkWrite: (_before, _after, identity) =>
    fail([
      {
        code: "permission_denied",
        message: `User "${identity.user}" has no ACL role that allows writing the CIB`,
      },
    ]),
};
