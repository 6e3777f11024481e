import { open, readFile, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Issue, Result } from "../base/index.js";
import { fail, issue, ok } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";
import { emptyCib, firstChild, readXml, writeXml } from "../cib/index.js";

export type CibFileCode =
  | "cib_file_missing"
  | "cib_file_unreadable"
  | "cib_file_syntax"
  | "cib_file_not_cib"
  | "cib_file_conflict"
  | "cib_file_write_failed";

/**
 * A CIB read from a file, with the exact text read: a commit compares it with the file's
 * text to detect a concurrent change (exact, and cheaper at start-up than a hash).
 */
export interface CibFile {
  readonly path: string;
  readonly cib: XmlElement;
  readonly text: string;
}

/**
 * Reads and parses a CIB file; bad XML is reported as `FILE:LINE:COLUMN: message`. A file
 * that does not exist yet reads as an empty CIB (as `cibadmin --empty` writes it) with the
 * text "": the first commit creates it, and refuses if someone else created it meanwhile.
 * (crmsh refuses a missing CIB_file; quorate needs no Pacemaker tool to make the first one.)
 */
export async function readCibFile(path: string): Promise<Result<CibFile, CibFileCode>> {
  const text = await readText(path);
  if (!text.ok) {
    if (text.issues.every((found) => found.code === "cib_file_missing")) {
      return ok({ path, cib: emptyCib(), text: "" });
    }
    return fail(text.issues);
  }
  return parseCibText(path, text.value);
}

export function parseCibText(path: string, text: string): Result<CibFile, CibFileCode> {
  const parsed = readXml(text);
  if (!parsed.ok) {
    return fail(
      parsed.issues.map((found) => {
        const where = found.span ? `${path}:${found.span.line}:${found.span.column}` : path;
        const message = found.message.replace(/^XML syntax error at line \d+, column \d+: /, "");
        return issue<CibFileCode>("cib_file_syntax", `Cannot read CIB file ${where}: ${message}`, {
          ...(found.span ? { span: found.span } : {}),
        });
      }),
    );
  }
  const cib = parsed.value;
  if (cib.name !== "cib" || firstChild(cib, "configuration") === undefined) {
    return fail([
      issue<CibFileCode>(
        "cib_file_not_cib",
        `Cannot read CIB file "${path}": the document is <${cib.name}>, not a <cib> with a <configuration>`,
      ),
    ]);
  }
  return ok({ path, cib, text });
}

async function readText(path: string): Promise<Result<string, CibFileCode>> {
  try {
    return ok(await readFile(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      return fail([
        issue<CibFileCode>("cib_file_missing", `Cannot read CIB file "${path}": no such file`),
      ]);
    }
    return fail([unreadable(path, error)]);
  }
}

function unreadable(path: string, error: unknown): Issue<CibFileCode> {
  const reason = error instanceof Error ? error.message : String(error);
  return issue("cib_file_unreadable", `Cannot read CIB file "${path}": ${reason}`);
}

export interface WriteCibOptions {
  /** The file's text as it was read; the write is refused when the file changed since. */
  readonly expectedText?: string;
}

/**
 * Writes the CIB atomically: a temporary file in the same folder, fsync, rename over the
 * target, fsync of the folder. Returns the text written.
 */
export async function writeCibFile(
  path: string,
  cib: XmlElement,
  options: WriteCibOptions = {},
): Promise<Result<string, CibFileCode>> {
  if (options.expectedText !== undefined) {
    const current = await readText(path);
    const missing =
      !current.ok && current.issues.every((found) => found.code === "cib_file_missing");
    if (!current.ok && !missing) return fail(current.issues);
    const currentText = current.ok ? current.value : "";
    if (currentText !== options.expectedText) return fail([conflict(path)]);
  }
  const text = writeXml(cib);
  try {
    await writeAtomically(path, text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail([issue("cib_file_write_failed", `Cannot write CIB file "${path}": ${reason}`)]);
  }
  return ok(text);
}

function conflict(path: string): Issue<CibFileCode> {
  return issue(
    "cib_file_conflict",
    `Cannot commit to "${path}": the file changed since it was read; nothing was written`,
    { suggestion: "run refresh (or start again) to reread the CIB, then repeat the change" },
  );
}

let temporaryCounter = 0;

async function writeAtomically(path: string, text: string): Promise<void> {
  const folder = dirname(path);
  temporaryCounter += 1;
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${temporaryCounter}.tmp`);
  const mode = await stat(path).then(
    (found) => found.mode & 0o7777,
    () => 0o644,
  );
  const handle = await open(temporary, "wx", mode);
  try {
    await handle.writeFile(text, "utf8");
    await handle.chmod(mode); // the file keeps its permissions whatever the umask
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  const directory = await open(folder, "r");
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
