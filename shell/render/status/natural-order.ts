/**
 * Pacemaker's node-name order (`pcmk__numeric_strcasecmp`): case-insensitive, with runs of
 * digits compared by value, so node2 sorts before node10.
 */
export function compareNatural(left: string, right: string): number {
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const a = left.charCodeAt(i);
    const b = right.charCodeAt(j);
    if (isDigit(a) && isDigit(b)) {
      const leftRun = digitRun(left, i);
      const rightRun = digitRun(right, j);
      const byValue = compareDigitRuns(leftRun, rightRun);
      if (byValue !== 0) return byValue;
      i += leftRun.length;
      j += rightRun.length;
      continue;
    }
    const lower = foldCase(a) - foldCase(b);
    if (lower !== 0) return lower < 0 ? -1 : 1;
    i += 1;
    j += 1;
  }
  return Math.sign(left.length - i - (right.length - j));
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function foldCase(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

function digitRun(text: string, start: number): string {
  let end = start;
  while (end < text.length && isDigit(text.charCodeAt(end))) end += 1;
  return text.slice(start, end);
}

function compareDigitRuns(left: string, right: string): number {
  const a = left.replace(/^0+/, "");
  const b = right.replace(/^0+/, "");
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortNatural(names: Iterable<string>): string[] {
  return [...names].sort(compareNatural);
}
