import type { Issue, Result } from "../base/index.js";
import { fail, issue, ok } from "../base/index.js";
import type { XmlElement, XmlNode } from "../cib/index.js";
import { element, firstChild } from "../cib/index.js";
import { advanceVersion, cibChanged } from "../file/index.js";
import type { CibBackend, CibBackendKind, CibRead, CommitOptions, SessionCode } from "./backend.js";
import { isConflict } from "./backend.js";
import { replayChanges } from "./replay.js";

/** One write of a commit: the CIB it is made against and the staged CIB to write. */
interface Attempt {
  readonly base: CibRead;
  readonly working: XmlElement;
}

/** How often a commit replays staged changes on a CIB that moved on before giving up. */
export const commitReplaysMax = 3;

/**
 * The staged configuration over any backend: a working copy of the CIB read at one version,
 * committed against that version. A commit that lost a race keeps the staged changes, and the
 * next `refresh` rereads the CIB and replays them on it (object by object) for a retry; any
 * other `refresh` drops them, as crmsh does.
 */
export class StagedSession {
  readonly #backend: CibBackend;
  #read: CibRead;
  #working: XmlElement;
  #conflict: string | undefined;
  #changed:
    | { readonly working: XmlElement; readonly original: XmlElement; readonly value: boolean }
    | undefined;

  constructor(backend: CibBackend, read: CibRead) {
    this.#backend = backend;
    this.#read = read;
    this.#working = read.cib;
  }

  /** Opens a session on what the backend reads now. */
  static async open(backend: CibBackend): Promise<StagedSession | readonly Issue[]> {
    const read = await backend.read();
    if (!read.ok) {
      backend.close();
      return read.issues;
    }
    return new StagedSession(backend, read.value);
  }

  get kind(): CibBackendKind {
    return this.#backend.kind;
  }

  get label(): string {
    return this.#backend.label;
  }

  get source(): string {
    return this.#backend.source;
  }

  get working(): XmlElement {
    return this.#working;
  }

  get original(): XmlElement {
    return this.#read.cib;
  }

  /** Why the last commit was refused (a lost race), until a refresh replays the changes. */
  get conflict(): string | undefined {
    return this.#conflict;
  }

  /** Compared once per staged tree (a big CIB takes milliseconds to compare). */
  get changed(): boolean {
    const known = this.#changed;
    if (known?.working === this.#working && known.original === this.#read.cib) return known.value;
    const value = this.#working !== this.#read.cib && cibChanged(this.#read.cib, this.#working);
    this.#changed = { working: this.#working, original: this.#read.cib, value };
    return value;
  }

  stage(next: XmlElement): void {
    this.#working = next;
  }

  /**
   * Writes the staged changes against the version read. When a cluster's CIB moved on
   * meanwhile, the changes are replayed on the current CIB and written again, as a patch would
   * apply, unless another client changed the same objects: that lost race is refused, naming
   * both versions, and the staged changes stay for `refresh` (which replays them) and another
   * commit. On a CIB file, and with `replace`, any concurrent write refuses the commit the same
   * way. With `force` nothing is refused for a version: the staged changes are replayed on the
   * current CIB, winning over the other client's changes to the same objects.
   */
  async commit(options: CommitOptions = {}): Promise<readonly Issue[]> {
    if (!this.changed) return [];
    const write = { replace: options.replace === true, force: options.force === true };
    // A forced replace writes the staged configuration with the status the CIB holds now.
    let next: Result<Attempt, string> =
      write.force && write.replace
        ? await this.#onCurrent([], write)
        : ok({ base: this.#read, working: this.#working });
    for (let attempt = 0; attempt <= commitReplaysMax; attempt++) {
      if (!next.ok) return next.issues;
      const { base, working } = next.value;
      const written = await this.#backend.write(base, advanceVersion(base.cib, working), write);
      if (written.ok) {
        this.#read = written.value;
        this.#working = written.value.cib;
        this.#conflict = undefined;
        return [];
      }
      if (!isConflict(written.issues)) return written.issues;
      // A CIB file has no patch semantics to honour, and crmsh's replace checks the version:
      // there any concurrent write refuses the commit, unless forced.
      if (!write.force && (this.#backend.kind === "file" || write.replace)) {
        this.#conflict = written.issues[0]?.message;
        return written.issues;
      }
      next = await this.#onCurrent(written.issues, write);
    }
    return [
      issue("cib_conflict", `Cannot commit to ${this.#backend.source}: the CIB kept changing`),
    ];
  }

  /**
   * The CIB as it is now and the staged changes on it: replayed object by object (the staged
   * form winning when forced), or for a replace the staged configuration with its status.
   * After a `refusal`, a failure keeps it as the conflict `refresh` resolves.
   */
  async #onCurrent(
    refusal: readonly Issue[],
    options: { readonly replace: boolean; readonly force: boolean },
  ): Promise<Result<Attempt, string>> {
    const current = await this.#backend.read();
    const replayed = !current.ok
      ? current
      : options.replace
        ? ok<XmlElement, SessionCode>(withStatusOf(this.#working, current.value.cib))
        : replayChanges(
            this.#read.cib,
            this.#working,
            current.value.cib,
            options.force ? "mine" : "none",
          );
    if (!current.ok || !replayed.ok) {
      this.#conflict = refusal[0]?.message;
      return fail([...refusal, ...replayed.issues]);
    }
    return ok({ base: current.value, working: replayed.value });
  }

  /**
   * Rereads the CIB. After a lost race the staged changes are replayed on it, the staged form
   * of an object both changed replacing the other client's (the person saw the refusal and
   * asked for this); otherwise they are dropped, as crmsh does.
   */
  async refresh(): Promise<readonly Issue[]> {
    const read = await this.#backend.read();
    if (!read.ok) return read.issues;
    if (this.#conflict !== undefined && this.changed) {
      this.#conflict = undefined;
      const replayed = replayChanges(this.#read.cib, this.#working, read.value.cib, "mine");
      if (!replayed.ok) return replayed.issues;
      this.#read = read.value;
      this.#working = replayed.value;
      return [];
    }
    this.#conflict = undefined;
    this.#read = read.value;
    this.#working = read.value.cib;
    return [];
  }

  close(): void {
    this.#backend.close();
  }
}

/** The staged CIB with the current CIB's status: a forced replace writes the configuration. */
function withStatusOf(staged: XmlElement, current: XmlElement): XmlElement {
  const status = firstChild(current, "status");
  const isStatus = (child: XmlNode): boolean => child.kind === "element" && child.name === "status";
  const children = staged.children.flatMap((child) =>
    !isStatus(child) ? [child] : status === undefined ? [] : [status],
  );
  if (status !== undefined && !children.includes(status)) children.push(status);
  return element(staged.name, { ...staged.attributes }, children);
}
