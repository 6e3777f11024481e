import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readXml, writeXml, type XmlElement } from "../../../backend/cib/index.js";
import { cibReadableBy, validateCibWrite } from "../../../daemons/cib/index.js";
import { corpusDir, corpusFiles } from "../../support/corpus.js";
import { hasTool } from "../../support/oracle.js";
import { aclCibText } from "./fixture.js";
import { testUser, withRandomAcls } from "./random-acls.js";

/**
 * cibReadableBy() against Pacemaker 2.1's own filter: `cibadmin -Q -U USER` on a CIB file
 * applies the user's ACLs to the query result. ACL_CASES sets how many random cases run.
 */
const oracle = hasTool("cibadmin");
const corpus = corpusDir("scheduler");
const cases = Number(process.env["ACL_CASES"] ?? "40");
const scratch = mkdtempSync(join(tmpdir(), "quorate-acl-"));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What Pacemaker lets `user` read of the CIB in `file`, re-serialized as we write XML. */
function pacemakerReads(file: string, user: string): string {
  const run = spawnSync("cibadmin", ["-Q", "-U", user], {
    encoding: "utf8",
    env: { ...process.env, CIB_file: file },
    maxBuffer: 64 * 1024 * 1024,
  });
  const read = readXml(run.stdout);
  return read.ok ? writeXml(read.value) : "";
}

/** Random ACLs Pacemaker will load: a reference must name a schema ID (tried in turn). */
function validRandomAcls(cib: XmlElement, seed: number): XmlElement {
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = withRandomAcls(cib, seed * 1000 + attempt);
    if (validateCibWrite(candidate).ok) return candidate;
  }
  throw new Error(`no valid random ACLs for seed ${seed}`);
}

function oursReads(cib: XmlElement, user: string): string {
  const readable = cibReadableBy(cib, { user, unrestricted: false });
  return readable === undefined ? "" : writeXml(readable);
}

describe.runIf(oracle)("cibReadableBy() and cibadmin -Q -U agree", () => {
  test("on Pacemaker Explained's roles", () => {
    const file = join(scratch, "explained.xml");
    writeFileSync(file, aclCibText);
    const read = readXml(aclCibText);
    if (!read.ok) throw new Error("fixture");
    for (const user of [
      "alice",
      "bob",
      "carol",
      "dave",
      "dave-entry",
      "erin",
      "frank",
      "nobody",
      "mallory",
    ]) {
      expect({ user, read: oursReads(read.value, user) }).toEqual({
        user,
        read: pacemakerReads(file, user),
      });
    }
  });

  test.runIf(corpus !== undefined)("on corpus CIBs with random roles", () => {
    const dir = corpus ?? "";
    const names = corpusFiles(dir, ".xml");
    const disagreements: string[] = [];
    let denied = 0;
    for (let index = 0; index < cases; index++) {
      const name = names[(index * 37) % names.length] ?? "";
      const source = readXml(readFileSync(join(dir, `${name}.xml`), "utf8"));
      if (!source.ok) continue;
      const cib = validRandomAcls(source.value, index + 1);
      const file = join(scratch, `${name}-${index}.xml`);
      writeFileSync(file, writeXml(cib));
      const ours = oursReads(cib, testUser);
      if (ours === "") denied++;
      if (ours !== pacemakerReads(file, testUser)) disagreements.push(`${name} seed ${index + 1}`);
    }
    console.log(
      `ACL reads: ${cases - disagreements.length}/${cases} agree (${denied} denied whole)`,
    );
    expect(disagreements).toEqual([]);
  });
});
