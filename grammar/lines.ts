/**
 * Splitting a script into logical lines (crmsh.md §1.1): a physical line ending in `\` is
 * joined to the next; each physical line is stripped of surrounding blanks first and the pieces
 * are concatenated with no blank inserted. A logical line starting with `#` is a comment,
 * kept for the next statement. Positions map back to the original text.
 */
import type { Span } from "../backend/base/index.js";

/** One stripped physical piece of a logical line. */
interface Piece {
  /** Offset of the piece in the logical text. */
  readonly logicalOffset: number;
  /** Offset of the piece's first character in the original text. */
  readonly sourceOffset: number;
  readonly line: number;
  readonly column: number;
}

export interface LogicalLine {
  readonly text: string;
  /** `# …` comment lines (logical) just above, in order. */
  readonly comments: readonly string[];
  readonly pieces: readonly Piece[];
}

interface PhysicalLine {
  readonly text: string;
  readonly offset: number;
  readonly line: number;
}

function physicalLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let offset = 0;
  let line = 1;
  while (offset <= text.length) {
    let end = text.indexOf("\n", offset);
    if (end < 0) end = text.length;
    lines.push({ text: text.slice(offset, end), offset, line });
    offset = end + 1;
    line += 1;
  }
  return lines;
}

const blank = /^[ \t\r\f\v]*/;

/** Strips one physical line; returns the text and where it starts in the original. */
function strip(physical: PhysicalLine): { text: string; column: number } {
  const leading = blank.exec(physical.text)?.[0].length ?? 0;
  const text = physical.text.slice(leading).replace(/[ \t\r\f\v]+$/, "");
  return { text, column: leading + 1 };
}

/** The logical lines of a script, with comments attached to the line that follows them. */
export function logicalLines(text: string): LogicalLine[] {
  const result: LogicalLine[] = [];
  let comments: string[] = [];
  let current = "";
  let pieces: Piece[] = [];
  for (const physical of physicalLines(text)) {
    const stripped = strip(physical);
    const continued = stripped.text.endsWith("\\");
    const pieceText = continued ? stripped.text.slice(0, -1) : stripped.text;
    pieces.push({
      logicalOffset: current.length,
      sourceOffset: physical.offset + stripped.column - 1,
      line: physical.line,
      column: stripped.column,
    });
    current += pieceText;
    if (continued) continue;
    if (current.startsWith("#")) comments.push(current);
    else if (current.trim() !== "") {
      result.push({ text: current, comments, pieces });
      comments = [];
    }
    current = "";
    pieces = [];
  }
  return result;
}

/** The span in the original text of `length` logical characters at `offset`. */
export function spanAt(line: LogicalLine, offset: number, length: number): Span {
  let piece = line.pieces[0];
  for (const candidate of line.pieces) {
    if (candidate.logicalOffset > offset) break;
    piece = candidate;
  }
  if (piece === undefined) return { line: 1, column: 1, offset: 0, length };
  const delta = offset - piece.logicalOffset;
  return {
    line: piece.line,
    column: piece.column + delta,
    offset: piece.sourceOffset + delta,
    length,
  };
}
