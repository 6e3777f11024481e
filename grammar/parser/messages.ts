/**
 * Parser error messages in the project's style: what was expected, what was found.
 */
import { tokenLabel, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";

function found(token: IToken): string {
  const payload = token.payload as { value?: string } | undefined;
  if (token.tokenType.name === "EOF" || payload === undefined) return "the end of the statement";
  return `"${payload.value ?? token.image}"`;
}

function unique(labels: readonly string[]): string {
  const seen = [...new Set(labels)];
  if (seen.length <= 1) return seen[0] ?? "more input";
  return `${seen.slice(0, -1).join(", ")} or ${seen[seen.length - 1] ?? ""}`;
}

function firstLabels(paths: TokenType[][][]): string[] {
  const labels: string[] = [];
  for (const alternative of paths) {
    for (const path of alternative) {
      const first = path[0];
      if (first !== undefined) labels.push(tokenLabel(first));
    }
  }
  return labels;
}

/** What a missing name is, by rule: right after the head word, and later in the rule. */
const afterHead: Readonly<Record<string, string>> = {
  node: "a node name",
  monitor: "a resource (RSC[:ROLE])",
};
const laterName: Readonly<Record<string, string>> = {
  primitive: "an agent ([class:[provider:]]type or @template)",
  rscTemplate: "an agent ([class:[provider:]]type)",
  clone: "the resource to clone",
  monitor: "an interval (INTERVAL[:TIMEOUT])",
  alert: "the alert's path",
  opSection: "an op name (monitor, start, stop…)",
  location: "a resource or a node",
  bundlePrimitive: "a resource",
  alertRecipient: "a recipient",
};

/** Clearer wording for some choices, keyed by rule and the alternatives' labels. */
const choices: Readonly<Record<string, string>> = {
  "primitive:@ID or a name": "an agent ([class:[provider:]]type or @template)",
  "monitor:a name or a score (N:)": "an interval (INTERVAL[:TIMEOUT])",
  "location:'{' or a name": "a resource, /pattern/ or { resources }",
  "tag:a score (N:) or a name": "an id",
};

function expectedName(expected: TokenType, previous: IToken, ruleName: string): string {
  if (expected.name === "Label" && ruleName === "rscTicket") return "a ticket (TICKET:)";
  if (expected.name !== "Name") return tokenLabel(expected);
  if (/^Kw_/.test(previous.tokenType.name) && previous.startOffset === 0) {
    return afterHead[ruleName] ?? "an id";
  }
  return laterName[ruleName] ?? tokenLabel(expected);
}

export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    return `Expected ${expectedName(expected, previous, ruleName)}, found ${found(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `Unexpected ${found(firstRedundant)}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const first = actual[0];
    const what = first === undefined ? "the end of the statement" : found(first);
    const labels = unique(firstLabels(expectedPathsPerAlt));
    return `Expected ${choices[`${ruleName}:${labels}`] ?? labels}, found ${what}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    const first = actual[0];
    const what = first === undefined ? "the end of the statement" : found(first);
    return `Expected at least one ${unique(firstLabels([expectedIterationPaths]))}, found ${what}`;
  },
};
