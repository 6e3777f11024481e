import type { Issue } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";
import { advanceVersion, cibChanged } from "../file/index.js";
import type { CibBackend, CibBackendKind, CibRead } from "./backend.js";
import { isConflict } from "./backend.js";
import { replayChanges } from "./replay.js";

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

  async commit(): Promise<readonly Issue[]> {
    if (!this.changed) return [];
    const next = advanceVersion(this.#read.cib, this.#working);
    const written = await this.#backend.write(this.#read, next);
    if (!written.ok) {
      if (isConflict(written.issues)) this.#conflict = written.issues[0]?.message;
      return written.issues;
    }
    this.#read = written.value;
    this.#working = written.value.cib;
    this.#conflict = undefined;
    return [];
  }

  /** Rereads the CIB: replays staged changes after a lost race, else drops them. */
  async refresh(): Promise<readonly Issue[]> {
    const read = await this.#backend.read();
    if (!read.ok) return read.issues;
    if (this.#conflict !== undefined && this.changed) {
      this.#conflict = undefined;
      const replayed = replayChanges(this.#read.cib, this.#working, read.value.cib);
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
