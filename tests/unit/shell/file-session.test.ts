import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { element, emptyCib, firstChild, readXml, writeXml } from "../../../backend/cib/index.js";
import { advanceVersion, readCibFile, writeCibFile } from "../../../backend/file/index.js";
import { FileSession } from "../../../shell/file-session.js";

let folder: string;
let path: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "quorate-session-"));
  path = join(folder, "cib.xml");
  writeFileSync(path, writeXml(emptyCib()));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function withPrimitive(cib: ReturnType<typeof emptyCib>, id: string): ReturnType<typeof emptyCib> {
  const parsed = readXml(writeXml(cib));
  if (!parsed.ok) throw new Error("reparse");
  const resources = firstChild(
    firstChild(parsed.value, "configuration") ?? parsed.value,
    "resources",
  );
  resources?.children.push(
    element("primitive", { id, class: "ocf", provider: "heartbeat", type: "Dummy" }),
  );
  return parsed.value;
}

describe("FileSession", () => {
  test("stages edits and writes them once on commit, with epoch + 1", async () => {
    const session = await FileSession.open(path);
    if (!("working" in session)) throw new Error("open");
    session.stage(withPrimitive(session.working, "d1"));
    expect(readFileSync(path, "utf8")).not.toContain("d1");
    expect(await session.commit()).toEqual([]);
    expect(readFileSync(path, "utf8")).toContain('epoch="2" num_updates="0"');
    expect(session.changed).toBe(false);
  });

  test("keeps the file's permissions across the atomic replace", async () => {
    chmodSync(path, 0o600);
    const written = await writeCibFile(path, emptyCib());
    expect(written.ok).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  test("refuses to commit when the file changed since it was read, writing nothing", async () => {
    const session = await FileSession.open(path);
    if (!("working" in session)) throw new Error("open");
    session.stage(withPrimitive(session.working, "mine"));
    const theirs = writeXml(withPrimitive(emptyCib(), "theirs"));
    writeFileSync(path, theirs);
    const issues = await session.commit();
    expect(issues[0]?.code).toBe("cib_file_conflict");
    expect(issues[0]?.message).toContain("changed since it was read");
    expect(readFileSync(path, "utf8")).toBe(theirs);
  });
});

describe("advanceVersion()", () => {
  test("moves epoch on a configuration change and num_updates on a status change", () => {
    const base = emptyCib();
    const configured = advanceVersion(base, withPrimitive(base, "d1"));
    expect(configured.attributes).toMatchObject({ epoch: "2", num_updates: "0" });
    const status = withPrimitive(base, "unused");
    const statusOnly = readXml(writeXml(base));
    if (!statusOnly.ok) throw new Error("reparse");
    firstChild(statusOnly.value, "status")?.children.push(element("node_state", { id: "1" }));
    expect(advanceVersion(base, statusOnly.value).attributes).toMatchObject({
      epoch: "1",
      num_updates: "1",
    });
    expect(advanceVersion(base, base).attributes).toMatchObject({ epoch: "1", num_updates: "0" });
    expect(status).not.toBe(base);
  });

  test("writeCibFile() refuses a changed file and readCibFile() names file:line:column", async () => {
    const read = await readCibFile(path);
    if (!read.ok) throw new Error("read");
    writeFileSync(path, writeXml(emptyCib()).replace('epoch="1"', 'epoch="5"'));
    const written = await writeCibFile(path, emptyCib(), { expectedText: read.value.text });
    expect(written.ok).toBe(false);
    writeFileSync(path, "<cib>\n<configuration><x y=></configuration></cib>");
    const bad = await readCibFile(path);
    expect(bad.ok).toBe(false);
    expect(bad.issues[0]?.message).toMatch(new RegExp(`^Cannot read CIB file ${path}:2:\\d+: `));
  });
});
