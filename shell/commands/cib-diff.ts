/**
 * A line diff (longest common subsequence) of two texts, as `diff -u` marks lines: `-` only in
 * the first, `+` only in the second, a space for common lines. Shown for `cib diff`.
 */
export function lineDiff(before: readonly string[], after: readonly string[]): string[] {
  const rows = before.length;
  const columns = after.length;
  const common: number[][] = Array.from({ length: rows + 1 }, () =>
    new Array<number>(columns + 1).fill(0),
  );
  for (let row = rows - 1; row >= 0; row--) {
    for (let column = columns - 1; column >= 0; column--) {
      const here = common[row] ?? [];
      here[column] =
        before[row] === after[column]
          ? (common[row + 1]?.[column + 1] ?? 0) + 1
          : Math.max(common[row + 1]?.[column] ?? 0, here[column + 1] ?? 0);
    }
  }
  const lines: string[] = [];
  let row = 0;
  let column = 0;
  while (row < rows || column < columns) {
    if (row < rows && column < columns && before[row] === after[column]) {
      lines.push(` ${before[row] ?? ""}`);
      row++;
      column++;
    } else if (
      column < columns &&
      (row === rows || (common[row]?.[column + 1] ?? 0) >= (common[row + 1]?.[column] ?? 0))
    ) {
      lines.push(`+${after[column] ?? ""}`);
      column++;
    } else {
      lines.push(`-${before[row] ?? ""}`);
      row++;
    }
  }
  return lines;
}
