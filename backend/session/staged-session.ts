import type { Issue } from "../base/index.js";
import { issue } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";
import { advanceVersion, cibChanged } from "../file/index.js";
import type { CibBackend, CibBackendKind, CibRead } from "./backend.js";
import { isConflict } from "./backend.js";
import { replayChanges } from "./replay.js";

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
   * commit. On a CIB file any concurrent write refuses the commit the same way.
   */
  async commit(): Promise<readonly Issue[]> {
    if (!this.changed) return [];
    let base = this.#read;
    let working = this.#working;
    for (let attempt = 0; attempt <= commitReplaysMax; attempt++) {
      const written = await this.#backend.write(base, advanceVersion(base.cib, working));
      if (written.ok) {
        this.#read = written.value;
        this.#working = written.value.cib;
        this.#conflict = undefined;
        return [];
      }
      if (!isConflict(written.issues)) return written.issues;
      if (this.#backend.kind === "file") {
        // A CIB file has no patch semantics to honour: any concurrent write refuses the commit.
        this.#conflict = written.issues[0]?.message;
        return written.issues;
      }
      const current = await this.#backend.read();
      const replayed = current.ok
        ? replayChanges(this.#read.cib, this.#working, current.value.cib)
        : undefined;
      if (!current.ok || replayed === undefined || !replayed.ok) {
        this.#conflict = written.issues[0]?.message;
        return [...written.issues, ...(replayed?.ok === false ? replayed.issues : [])];
      }
      base = current.value;
      working = replayed.value;
    }
    return [
      issue("cib_conflict", `Cannot commit to ${this.#backend.source}: the CIB kept changing`),
    ];
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
