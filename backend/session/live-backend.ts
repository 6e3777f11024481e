import type { Issue, Result } from "../base/index.js";
import { fail, issue, ok } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";
import { readXml, writeXml } from "../cib/index.js";
import type { ClientTarget } from "../client/index.js";
import { ClientError, queryCib, replaceCib } from "../client/index.js";
import type { CibBackend, CibRead, SessionCode } from "./backend.js";
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
 * The live backend (`CRM_CLUSTER=ws://…` or a local cluster's folder): reads the replicated CIB
 * over a node's client channel and replaces it only if it is still at the version read, so a
 * commit that lost a race is refused by the cluster itself.
 */
export class LiveBackend implements CibBackend {
  readonly kind = "live";
  readonly label = "live";

  constructor(readonly target: ClientTarget) {}

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
      return ok({ cib: parsed.value, stamp: versionText(parsed.value) });
    } catch (error) {
      return fail([clientIssue("read the CIB from", this.source, error)]);
    }
  }

  async write(read: CibRead, next: XmlElement): Promise<Result<CibRead>> {
    try {
      await replaceCib(this.target, writeXml(next), versionNumbers(read.cib));
    } catch (error) {
      const found = clientIssue("commit to", this.source, error);
      if (found.code !== "cib_conflict") return fail([found]);
      const now = await this.read();
      const nowAt = now.ok ? versionText(now.value.cib) : "unknown";
      const message = conflictMessage(this.source, versionText(read.cib), nowAt);
      return fail([issue("cib_conflict", message, { suggestion: conflictSuggestion })]);
    }
    return this.read();
  }

  close(): void {}
}
