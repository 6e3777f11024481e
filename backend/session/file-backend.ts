import type { Result } from "../base/index.js";
import { fail, issue, ok } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";
import { readCibFile, writeCibFile } from "../file/index.js";
import type { CibBackend, CibRead } from "./backend.js";
import { conflictMessage, conflictSuggestion, versionText } from "./versions.js";

/**
 * The offline backend (`CIB_file=PATH`, and shadow CIBs): the file is the CIB. A commit
 * compares the file's text with the text read, so any concurrent write is a conflict.
 */
export class FileBackend implements CibBackend {
  readonly kind = "file";

  constructor(
    readonly path: string,
    readonly label = "live",
  ) {}

  get source(): string {
    return `"${this.path}"`;
  }

  async read(): Promise<Result<CibRead>> {
    const read = await readCibFile(this.path);
    return read.ok ? ok({ cib: read.value.cib, stamp: read.value.text }) : fail(read.issues);
  }

  async write(read: CibRead, next: XmlElement): Promise<Result<CibRead>> {
    const written = await writeCibFile(this.path, next, { expectedText: read.stamp });
    if (written.ok) return ok({ cib: next, stamp: written.value });
    if (written.issues[0]?.code !== "cib_file_conflict") return fail(written.issues);
    const now = await readCibFile(this.path);
    const nowAt = now.ok ? versionText(now.value.cib) : "unreadable";
    const message = conflictMessage(this.source, versionText(read.cib), nowAt);
    return fail([
      issue("cib_file_conflict", message.replace("the CIB changed", "the file changed"), {
        suggestion: conflictSuggestion,
      }),
    ]);
  }

  close(): void {}
}
