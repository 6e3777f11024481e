import { expect, test } from "vitest";
import * as grammar from "../../../grammar/index.js";
import {
  statementAliases,
  statementHelp,
  statementKeywords,
} from "../../../shell/commands/statement-keywords.js";

test("the configure level's statement words equal the grammar's tables", () => {
  expect([...statementKeywords]).toEqual([...grammar.statementKeywords]);
  expect(statementAliases).toEqual(grammar.statementAliases);
});

test("every statement command has a help line and a synopsis", () => {
  for (const keyword of statementKeywords) {
    expect(statementHelp[keyword]?.help, keyword).toMatch(/^[A-Z]/);
    expect(statementHelp[keyword]?.usage, keyword).not.toBe("");
  }
});
