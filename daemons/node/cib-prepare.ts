import { createHash } from "node:crypto";
import { fail, ok, type Result } from "../../backend/base/index.js";
import { cloneNode, type XmlElement } from "../../backend/cib/index.js";
import {
  CibIdIndex,
  applyPatchset,
  heldCibDigest,
  validateCibChange,
  writePatchset,
  type Patchset,
  type TextHash,
} from "../cib/index.js";
import type { CibAccess } from "./cib-access.js";
import { withLastWritten } from "./cib-last-written.js";
import type { CibEdit, CibWriteCode } from "./cib-host.js";
import type { ClientIdentity } from "./client-handlers.js";

/**
 * How often a write carries the digest of its result for the replicas to check: Pacemaker's
 * CIB manager adds it at most once a minute (a sample, to catch replicas that drifted), since
 * each check hashes the whole CIB.
 */
export const digestSampleMs = 60_000;

/** MD5 through node:crypto: several times quicker than the pure one on a large CIB. */
export const nativeMd5: TextHash = (pieces) => {
  const hash = createHash("md5");
  for (const piece of pieces) hash.update(piece, "utf8");
  return hash.digest("hex");
};

function refused<T>(code: CibWriteCode, message: string): Result<T, CibWriteCode> {
  return fail([{ code, message }]);
}

/**
 * Turns a local client's change into the patchset the CIB replicas get: applied to the held
 * CIB (a tree sharing its untouched parts with it), validated by what changed, judged by the
 * ACLs; the client's own digest (if any) checked here, and the digest for the replicas added
 * once per `digestSampleMs`.
 */
export class CibWritePreparer {
  readonly #index = new CibIdIndex();
  #digestSentMs = -Infinity;

  constructor(
    readonly access: CibAccess,
    /** The node that takes the writes (update-origin). */
    readonly origin: string,
    readonly clockMs: () => number = () => performance.now(),
    readonly wallClockMs: () => number = () => Date.now(),
  ) {}

  /**
   * Builds the ID index of a held CIB now (a whole walk, with a whole validation), so the
   * first write does not pay for it while the cluster waits: the host calls it at start.
   */
  warm(cib: XmlElement): void {
    this.#index.follow(cib);
  }

  /** The patchset to broadcast; undefined: the change changes nothing. */
  prepare(
    before: XmlElement,
    change: Patchset | CibEdit,
    identity: ClientIdentity,
  ): Result<Patchset | undefined, CibWriteCode> {
    if (typeof change !== "function") return this.#preparePatch(before, change, identity);
    const edited = change(cloneNode(before));
    const after = "kind" in edited ? ok<XmlElement, CibWriteCode>(edited) : edited;
    if (!after.ok) return after;
    const patchset = writePatchset(before, after.value);
    if (!patchset.ok || patchset.value === undefined) return patchset;
    return this.#preparePatch(before, patchset.value, identity);
  }

  #preparePatch(
    before: XmlElement,
    change: Patchset,
    identity: ClientIdentity,
  ): Result<Patchset | undefined, CibWriteCode> {
    // The client's digest (if any) is of its own change's result, before the stamp.
    const applied = applyPatchset(before, change, { hash: nativeMd5 });
    if (!applied.ok) {
      const first = applied.issues[0];
      const code = first?.code === "version_conflict" ? "version_conflict" : "invalid_patch";
      return refused(code, first?.message ?? "The patchset does not apply");
    }
    const { digest: _digest, ...withoutDigest } = change;
    const stamp = { nowMs: this.wallClockMs(), origin: this.origin, user: identity.user };
    const patchset = withLastWritten(before, withoutDigest, stamp);
    const after = patchset === withoutDigest ? applied : applyPatchset(before, patchset);
    if (!after.ok) return refused("invalid_patch", after.issues[0]?.message ?? "Cannot stamp");
    const checked = this.#check(before, after.value, identity);
    if (!checked.ok) return checked;
    const now = this.clockMs();
    if (now - this.#digestSentMs < digestSampleMs) return ok(patchset);
    this.#digestSentMs = now;
    return ok({ ...patchset, digest: heldCibDigest(after.value, nativeMd5) });
  }

  #check(
    before: XmlElement,
    after: XmlElement,
    identity: ClientIdentity,
  ): Result<void, CibWriteCode> {
    const valid = validateCibChange(before, after, this.#index);
    if (!valid.ok) {
      const problems = valid.issues.filter((entry) => entry.severity !== "warning");
      const text = problems.map((entry) => entry.message).join("; ");
      return refused("invalid_cib", `The CIB would not be valid: ${text}`);
    }
    if (identity.unrestricted) return ok(undefined);
    return this.access.checkWrite(before, after, identity);
  }
}
