import type { Issue, Result } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";

/** Which kind of source a session works on (DESIGN.md's backend table). */
export type CibBackendKind = "file" | "live" | "pacemaker";

/** A CIB as read from its source, with what a commit must present to prove it is current. */
export interface CibRead {
  readonly cib: XmlElement;
  /** The source's own proof of what was read: a file's text, or the version read. */
  readonly stamp: string;
}

export type SessionCode =
  | "cib_conflict"
  | "cib_unreachable"
  | "cib_refused"
  | "cib_unreadable"
  | "no_cib"
  | "replay_conflict"
  | "not_supported";

/** How a commit reaches its source: crmsh's `commit [force] [replace]`. */
export interface CommitOptions {
  /**
   * Send the whole CIB instead of a patch of the staged changes (`commit replace`); a CIB that
   * moved on since it was read refuses it, unless forced.
   */
  readonly replace?: boolean;
  /**
   * No version check (`commit force`): the staged changes are written over whatever the CIB
   * holds now, an object both changed taking its staged form.
   */
  readonly force?: boolean;
}

/**
 * One source of CIBs: read the whole CIB, and write a new one only if the source is still
 * what was read (else an issue coded `cib_conflict` naming both versions, nothing written).
 */
export interface CibBackend {
  readonly kind: CibBackendKind;
  /** What the prompt shows: `live`, or a shadow CIB's name. */
  readonly label: string;
  /** Where it reads from, for messages: a path, a URL, `pacemaker`. */
  readonly source: string;
  read(): Promise<Result<CibRead>>;
  /**
   * Writes `next` (its version already moved on) against what `read` returned. A cluster
   * backend sends the change as a patch made against `read`'s version, or with `replace` the
   * whole CIB (with `force` too, without a version check).
   */
  write(
    read: CibRead,
    next: XmlElement,
    options?: Pick<CommitOptions, "replace" | "force">,
  ): Promise<Result<CibRead>>;
  /** Releases connections; the backend is not used afterwards. */
  close(): void;
}

export function isConflict(issues: readonly Issue[]): boolean {
  return issues.some(
    (found) => found.code === "cib_conflict" || found.code === "cib_file_conflict",
  );
}
