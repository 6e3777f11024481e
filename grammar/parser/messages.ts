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

export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `Expected ${tokenLabel(expected)}, found ${found(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `Unexpected ${found(firstRedundant)}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual }) {
    const first = actual[0];
    const what = first === undefined ? "the end of the statement" : found(first);
    return `Expected ${unique(firstLabels(expectedPathsPerAlt))}, found ${what}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    const first = actual[0];
    const what = first === undefined ? "the end of the statement" : found(first);
    return `Expected at least one ${unique(firstLabels([expectedIterationPaths]))}, found ${what}`;
  },
};
