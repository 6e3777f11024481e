import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateCstDts } from "@chevrotain/cst-dts-gen";
import { expect, test } from "vitest";
import { CrmParser, crmParser } from "../../../grammar/parser/index.js";
import { repoRoot } from "../../support/source-files.js";

test("grammar/cst.d.ts is generated from the current grammar (UPDATE=1 regenerates it)", () => {
  const path = join(repoRoot, "grammar", "cst.d.ts");
  const generated = generateCstDts(crmParser().getGAstProductions());
  if (process.env["UPDATE"] === "1") writeFileSync(path, generated);
  expect(readFileSync(path, "utf8")).toBe(generated);
});

test("the grammar passes Chevrotain's validations (no ambiguity, LL(2) is enough)", () => {
  expect(() => new CrmParser({ validate: true })).not.toThrow();
});
