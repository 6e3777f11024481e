import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  cloneNode,
  element,
  emptyCib,
  ensureChild,
  firstChild,
  readXml,
  writeXml,
  type XmlElement,
} from "../../../backend/cib/index.js";
import {
  applyPatchset,
  cibDigest,
  diffCib,
  patchsetFromXml,
  patchsetToXml,
} from "../../../daemons/cib/index.js";
import { hasTool } from "../../support/oracle.js";

const present = hasTool("crm_diff");
const folder = mkdtempSync(join(tmpdir(), "quorate-patchset-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

function parse(text: string): XmlElement {
  const read = readXml(text);
  if (!read.ok) throw new Error(read.issues[0]?.message);
  return read.value;
}

/** A before/after pair with creates, deletes, modifies, moves and a comment. */
function pair(): [XmlElement, XmlElement] {
  const before = emptyCib();
  const resources = ensureChild(ensureChild(before, "configuration"), "resources");
  for (const id of ["a", "b", "c", "d"]) {
    resources.children.push(
      element("primitive", { id, class: "ocf", provider: "pacemaker", type: "Dummy" }, [
        element("meta_attributes", { id: `${id}-meta` }, [
          element("nvpair", { id: `${id}-role`, name: "target-role", value: "Started" }),
        ]),
      ]),
    );
  }
  const after = cloneNode(before);
  after.attributes["epoch"] = "2";
  const moved = firstChild(after, "configuration");
  const list = moved === undefined ? undefined : firstChild(moved, "resources");
  if (list === undefined) throw new Error("no resources");
  const [a, b, c, d] = list.children as XmlElement[];
  if (a === undefined || b === undefined || c === undefined || d === undefined)
    throw new Error("x");
  b.attributes["provider"] = "heartbeat";
  delete c.attributes["provider"];
  list.children = [d, a, b, element("primitive", { id: "e", class: "ocf", type: "Dummy" })];
  list.children.splice(1, 0, { kind: "comment", text: " e is new " });
  return [before, after];
}

describe.runIf(present)("patchsets against Pacemaker's crm_diff", () => {
  it("crm_diff applies our patchset, digest check included, and reaches the same CIB", () => {
    const [before, after] = pair();
    const beforePath = file("before.xml", writeXml(before));
    const patchPath = file("ours.xml", writeXml(patchsetToXml(diffCib(before, after))));
    const result = spawnSync("crm_diff", ["-o", beforePath, "-p", patchPath], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(cibDigest(parse(result.stdout))).toBe(cibDigest(after));
  });

  it("we apply crm_diff's patchset and reach the same CIB", () => {
    const [before, after] = pair();
    const beforePath = file("before2.xml", writeXml(before));
    const afterPath = file("after2.xml", writeXml(after));
    const result = spawnSync("crm_diff", ["-c", "-o", beforePath, "-n", afterPath], {
      encoding: "utf8",
    });
    const patchset = patchsetFromXml(parse(result.stdout));
    expect(patchset.issues).toEqual([]);
    if (!patchset.ok) return;
    expect(patchset.value.digest).toBe(cibDigest(after));
    const applied = applyPatchset(before, patchset.value);
    expect(applied.issues).toEqual([]);
    expect(applied.ok && cibDigest(applied.value)).toBe(cibDigest(after));
  });
});
