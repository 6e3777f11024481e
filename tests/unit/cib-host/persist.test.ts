import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { emptyCib, readXml, writeXml } from "../../../backend/cib/index.js";
import {
  CibReplica,
  cibDigest,
  nextArchiveSlot,
  parseLastSlot,
  parseSignature,
  setCibVersion,
} from "../../../daemons/cib/index.js";
import { CibFiles } from "../../../daemons/node/cib-files.js";

describe("archive slots and signature files", () => {
  test.each([
    [undefined, 10, 0],
    [0, 10, 1],
    [8, 10, 9],
    [9, 10, 0],
    [-3, 10, 0],
  ])("after slot %s of %i comes %i", (last, kept, next) => {
    expect(nextArchiveSlot(last, kept)).toBe(next);
  });

  test("cib.last and .sig texts are read strictly", () => {
    expect(parseLastSlot("7\n")).toBe(7);
    expect(parseLastSlot("x")).toBeUndefined();
    expect(parseLastSlot(undefined)).toBeUndefined();
    expect(parseSignature("0123456789ABCDEF0123456789abcdef\n")).toBe(
      "0123456789abcdef0123456789abcdef",
    );
    expect(parseSignature("0123")).toBeUndefined();
  });
});

describe("CibFiles in a state folder", () => {
  const folders: string[] = [];
  const folder = (): string => {
    const made = mkdtempSync(join(tmpdir(), "quorate-cib-files-"));
    folders.push(made);
    return made;
  };
  afterEach(() => {
    for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
  });

  const version = (epoch: number): { cibXml: string; digest: string } => {
    const cib = emptyCib();
    setCibVersion(cib, { adminEpoch: 0, epoch, numUpdates: 0 });
    return { cibXml: writeXml(cib), digest: cibDigest(cib) };
  };

  test("a new folder holds no CIB; a saved one loads back with its signature", () => {
    const files = new CibFiles(folder());
    expect(files.load()).toBeUndefined();
    files.save(version(2));
    expect(files.load()).toEqual(version(2));
    const sig = readFileSync(join(files.folder, "cib.xml.sig"), "utf8");
    expect(sig).toBe(version(2).digest);
  });

  test("each save archives the version it replaces, keeping the newest `kept`", () => {
    const files = new CibFiles(folder(), 3);
    for (let epoch = 1; epoch <= 6; epoch++) files.save(version(epoch));
    const names = readdirSync(files.folder).sort();
    expect(names.filter((name) => name.endsWith(".raw"))).toEqual([
      "cib-0.raw",
      "cib-1.raw",
      "cib-2.raw",
    ]);
    const epochs = ["cib-0.raw", "cib-1.raw", "cib-2.raw"].map((name) => {
      const text = readFileSync(join(files.folder, name), "utf8");
      const sig = readFileSync(join(files.folder, `${name}.sig`), "utf8");
      const read = readXml(text);
      expect(read.ok && cibDigest(read.value)).toBe(sig);
      return read.ok ? read.value.attributes["epoch"] : undefined;
    });
    // Versions 1..5 were replaced; slots wrap, so the newest three (3, 4, 5) remain.
    expect(epochs.sort()).toEqual(["3", "4", "5"]);
    expect(readFileSync(join(files.folder, "cib.last"), "utf8")).toBe("1\n");
    // A new CibFiles continues the rotation from cib.last.
    new CibFiles(files.folder, 3).save(version(7));
    const slot2 = readXml(readFileSync(join(files.folder, "cib-2.raw"), "utf8"));
    expect(slot2.ok && slot2.value.attributes["epoch"]).toBe("6");
  });

  test("a truncated cib.xml is refused by the CIB core and set aside, not used", () => {
    const files = new CibFiles(folder());
    files.save(version(4));
    const path = join(files.folder, "cib.xml");
    writeFileSync(path, readFileSync(path, "utf8").slice(0, 40));
    const loaded = files.load();
    expect(loaded).toBeDefined();
    const replica = new CibReplica({ nodeId: 1, group: "cib" });
    replica.step({ kind: "started", persisted: loaded });
    expect(replica.cib).toBeUndefined();
    expect(replica.drain()).toEqual([expect.objectContaining({ kind: "warn" })]);
    files.setAside();
    expect(files.load()).toBeUndefined();
    expect(readdirSync(files.folder)).toContain("cib.xml.refused");
  });

  test("a cib.xml without its signature loads with an empty digest (refused)", () => {
    const files = new CibFiles(folder());
    files.save(version(4));
    rmSync(join(files.folder, "cib.xml.sig"));
    expect(files.load()?.digest).toBe("");
  });
});
