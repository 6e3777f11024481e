import { expect, test } from "vitest";
import * as grammar from "../../../grammar/index.js";
import { statementAliases, statementKeywords } from "../../../shell/commands/statement-keywords.js";

test("the configure level's statement words equal the grammar's tables", () => {
  expect([...statementKeywords]).toEqual([...grammar.statementKeywords]);
  expect(statementAliases).toEqual(grammar.statementAliases);
});
