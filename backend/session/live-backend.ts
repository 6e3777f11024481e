import type { Issue, Result } from "../base/index.js";
import { fail, issue, ok } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";
import { diffCib, patchsetToXml, readXml, setCibVersion, writeXml } from "../cib/index.js";
import type { CibTarget } from "../client/index.js";
import { ClientError, patchCib, queryCib, replaceCib } from "../client/index.js";
import type { CibBackend, CibRead, CommitOptions, SessionCode } from "./backend.js";
import { conflictMessage, conflictSuggestion, versionNumbers, versionText } from "./versions.js";

/** A client failure as an issue: what failed, where, and the node's reason. */
export function clientIssue(action: string, target: string, error: unknown): Issue<SessionCode> {
  if (!(error instanceof ClientError)) throw error;
  const code: SessionCode = error.code === "version_conflict" ? "cib_conflict" : "cib_unreachable";
  const refused = [
    "invalid_cib",
    "permission_denied",
    "no_quorum",
    "invalid_patch",
    "indeterminate",
  ];
  return issue(
    refused.includes(error.code) ? "cib_refused" : code,
    `Cannot ${action} ${target}: ${error.message}`,
  );
}

/**
 * The Pacemaker v2 patchset (XML text) from the CIB read to the staged one, as `crm_diff` makes
 * it for `cibadmin -P`: its source is the version read, so a CIB that moved on refuses it. It
 * carries no digest: the node that applies it computes the result's own.
 */
export function stagedPatch(read: XmlElement, next: XmlElement): string {
  return writeXml(patchsetToXml(diffCib(read, next, { digest: false })), { indent: 0 });
}

/**
 * The live backend (`CRM_CLUSTER=ws://…` or a local cluster's folder): reads the replicated CIB
 * over a node's client channel and commits the staged changes as a patch against the version
 * read (a one-line change sends a few hundred bytes, not the whole CIB), so a commit that lost
 * a race is refused by the cluster itself. `replace` sends the whole CIB instead, checked
 * against the version read unless forced.
 */
export class LiveBackend implements CibBackend {
  readonly kind = "live";
  readonly label = "live";

  /** A node (a connection per request), or an open connection used for every request. */
  constructor(readonly target: CibTarget) {}

  get source(): string {
    return `the cluster at ${this.target.url}`;
  }

  async read(): Promise<Result<CibRead>> {
    try {
      const snapshot = await queryCib(this.target);
      const parsed = readXml(snapshot.xml);
      if (!parsed.ok) {
        return fail([issue("cib_unreadable", `The CIB from ${this.source} is not valid XML`)]);
      }
      const cib = parsed.value;
      // A user whose ACLs do not let it read <cib> gets it bare: the answer's version stands
      // in, so a patch still names the version it was made against.
      if (cib.attributes["epoch"] === undefined) setCibVersion(cib, snapshot.version);
      return ok({ cib, stamp: versionText(cib) });
    } catch (error) {
      return fail([clientIssue("read the CIB from", this.source, error)]);
    }
  }

  async write(
    read: CibRead,
    next: XmlElement,
    options: Pick<CommitOptions, "replace" | "force"> = {},
  ): Promise<Result<CibRead>> {
    try {
      if (options.replace === true) {
        const expected = options.force === true ? undefined : versionNumbers(read.cib);
        await replaceCib(this.target, writeXml(next), expected);
        return await this.read();
      }
      const reached = await patchCib(this.target, stagedPatch(read.cib, next));
      // The patch applied to exactly the CIB read: the cluster now holds `next`.
      if (versionText(next) === `${reached.adminEpoch}.${reached.epoch}.${reached.numUpdates}`) {
        return ok({ cib: next, stamp: versionText(next) });
      }
      return await this.read();
    } catch (error) {
      return this.#refused(read, error);
    }
  }

  async #refused(read: CibRead, error: unknown): Promise<Result<CibRead>> {
    const found = clientIssue("commit to", this.source, error);
    if (found.code !== "cib_conflict") return fail([found]);
    const now = await this.read();
    const nowAt = now.ok ? versionText(now.value.cib) : "unknown";
    const message = conflictMessage(this.source, versionText(read.cib), nowAt);
    return fail([issue("cib_conflict", message, { suggestion: conflictSuggestion })]);
  }

  close(): void {}
}
