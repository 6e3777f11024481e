import type { Issue } from "../backend/base/index.js";
import type { XmlElement } from "../backend/cib/index.js";
import type { CibFile } from "../backend/file/index.js";
import { advanceVersion, cibChanged, readCibFile, writeCibFile } from "../backend/file/index.js";
import type { CibSession } from "./commands/types.js";

/** The staged configuration over a CIB file (`CIB_file=PATH`), committed atomically. */
export class FileSession implements CibSession {
  readonly label = "live";
  #file: CibFile;
  #working: XmlElement;

  private constructor(file: CibFile) {
    this.#file = file;
    this.#working = file.cib;
  }

  static async open(path: string): Promise<FileSession | readonly Issue[]> {
    const read = await readCibFile(path);
    return read.ok ? new FileSession(read.value) : read.issues;
  }

  get working(): XmlElement {
    return this.#working;
  }

  get original(): XmlElement {
    return this.#file.cib;
  }

  /** Compared once per staged tree (a big CIB takes milliseconds to compare). */
  #changed:
    | { readonly working: XmlElement; readonly original: XmlElement; readonly value: boolean }
    | undefined;

  get changed(): boolean {
    const known = this.#changed;
    if (known?.working === this.#working && known.original === this.#file.cib) return known.value;
    const value = this.#working !== this.#file.cib && cibChanged(this.#file.cib, this.#working);
    this.#changed = { working: this.#working, original: this.#file.cib, value };
    return value;
  }

  stage(next: XmlElement): void {
    this.#working = next;
  }

  async commit(): Promise<readonly Issue[]> {
    if (!this.changed) return [];
    const next = advanceVersion(this.#file.cib, this.#working);
    const written = await writeCibFile(this.#file.path, next, {
      expectedText: this.#file.text,
    });
    if (!written.ok) return written.issues;
    this.#file = { path: this.#file.path, cib: next, text: written.value };
    this.#working = next;
    return [];
  }

  async refresh(): Promise<readonly Issue[]> {
    const read = await readCibFile(this.#file.path);
    if (!read.ok) return read.issues;
    this.#file = read.value;
    this.#working = read.value.cib;
    return [];
  }
}
