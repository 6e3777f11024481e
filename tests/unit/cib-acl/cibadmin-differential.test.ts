import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readXml, writeXml, type XmlElement } from "../../../backend/cib/index.js";
import { checkCibWrite, cibReadableBy, validateCibWrite } from "../../../daemons/cib/index.js";
import { corpusDir, corpusFiles } from "../../support/corpus.js";
import { hasTool } from "../../support/oracle.js";
import { aclCibText } from "./fixture.js";
import { testUser, withRandomAcls } from "./random-acls.js";
import { edits, randomEdit } from "./random-edits.js";

/**
 * cibReadableBy() against Pacemaker 2.1's own filter: `cibadmin -Q -U USER` on a CIB file
 * applies the user's ACLs to the query result. ACL_CASES sets how many random cases run.
 */
const oracle = hasTool("cibadmin");
const corpus = corpusDir("scheduler");
const cases = Number(process.env["ACL_CASES"] ?? "25");
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
function validRandomAcls(cib: XmlElement, seed: number, kinds?: readonly string[]): XmlElement {
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = withRandomAcls(cib, seed * 1000 + attempt, kinds);
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

/** Pacemaker's verdict on replacing the CIB in `file` with `next` as `user`: true when allowed. */
function pacemakerAllows(file: string, next: string, user: string): boolean | undefined {
  const run = spawnSync("cibadmin", ["-R", "-U", user, "--xml-pipe"], {
    input: next,
    encoding: "utf8",
    env: { ...process.env, CIB_file: file },
  });
  if (run.status === 0) return true;
  return /Permission denied/.test(run.stderr) ? false : undefined;
}

describe.runIf(oracle && corpus !== undefined)("checkCibWrite() and cibadmin -R -U agree", () => {
  test("on random edits of corpus CIBs under random roles", () => {
    const dir = corpus ?? "";
    const names = corpusFiles(dir, ".xml");
    const disagreements: string[] = [];
    let compared = 0;
    let allowed = 0;
    for (let index = 0; index < cases; index++) {
      const name = names[(index * 53 + 7) % names.length] ?? "";
      const source = readXml(readFileSync(join(dir, `${name}.xml`), "utf8"));
      if (!source.ok) continue;
      const before = validRandomAcls(source.value, index + 101, ["write", "write", "read", "deny"]);
      const after = randomEdit(before, edits[index % edits.length] ?? "set_value", index);
      if (after === undefined || !validateCibWrite(after).ok) continue;
      const file = join(scratch, `write-${name}-${index}.xml`);
      writeFileSync(file, writeXml(before));
      const theirs = pacemakerAllows(file, writeXml(after), testUser);
      if (theirs === undefined) continue;
      compared++;
      const ours = checkCibWrite(before, after, { user: testUser, unrestricted: false }).ok;
      if (ours) allowed++;
      if (ours !== theirs)
        disagreements.push(`${name} case ${index}: ours ${ours}, Pacemaker ${theirs}`);
    }
    console.log(
      `ACL writes: ${compared - disagreements.length}/${compared} agree (${allowed} allowed)`,
    );
    expect(compared).toBeGreaterThan(cases / 2);
    expect(disagreements).toEqual([]);
  });
});
