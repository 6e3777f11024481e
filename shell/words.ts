/** A word of a command line, quotes removed, with the offset where it starts in the line. */
export interface Word {
  readonly text: string;
  readonly start: number;
}

/**
 * Splits a shell command line into words as crmsh does (POSIX shell-like, Python shlex):
 * blanks separate, single and double quotes group, a backslash escapes the next character.
 * Returns undefined for an unterminated quote.
 */
export function splitWords(line: string): Word[] | undefined {
  const words: Word[] = [];
  let current = "";
  let start = -1;
  let quote: "'" | '"' | undefined;
  for (let index = 0; index < line.length; index++) {
    const character = line[index] ?? "";
    if (quote !== undefined) {
      if (character === quote) quote = undefined;
      else if (character === "\\" && quote === '"' && index + 1 < line.length) {
        index += 1;
        current += line[index] ?? "";
      } else current += character;
      continue;
    }
    if (character === "\\" && line[index + 1] === "\n") {
      index += 1; // a continued line: the backslash and the line break vanish
      continue;
    }
    if (/\s/.test(character)) {
      if (start >= 0) words.push({ text: current, start });
      current = "";
      start = -1;
      continue;
    }
    if (start < 0) start = index;
    if (character === "'" || character === '"') quote = character;
    else if (character === "\\" && index + 1 < line.length) {
      index += 1;
      current += line[index] ?? "";
    } else current += character;
  }
  if (quote !== undefined) return undefined;
  if (start >= 0) words.push({ text: current, start });
  return words;
}

/** Joins words back into a line, quoting those with blanks or quotes (crmsh's add-quotes). */
export function joinWords(words: readonly string[]): string {
  return words.map(quoteWord).join(" ");
}

function quoteWord(word: string): string {
  const special = /[\s"'\\#]/;
  if (word !== "" && !special.test(word)) return word;
  const quoted = (text: string): string => `"${text.replace(/(["\\])/g, "\\$1")}"`;
  const equals = word.indexOf("=");
  if (equals > 0 && !special.test(word.slice(0, equals))) {
    return `${word.slice(0, equals + 1)}${quoted(word.slice(equals + 1))}`;
  }
  return quoted(word);
}
