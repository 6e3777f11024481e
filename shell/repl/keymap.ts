/**
 * Raw terminal input → editing actions, as readline binds them (emacs mode). Pure: the host
 * reads bytes from the terminal in raw mode and hands each chunk here. A chunk holding line
 * breaks (a multi-line paste) becomes text and `line_ended` actions in order.
 */

export type CursorMove = "left" | "right" | "home" | "end" | "word_left" | "word_right";
export type Deletion = "back" | "forward" | "to_end" | "to_start" | "word_back" | "word_forward";

export type ReplAction =
  | { readonly kind: "inserted"; readonly text: string }
  | { readonly kind: "line_ended" }
  | { readonly kind: "cursor_moved"; readonly to: CursorMove }
  | { readonly kind: "deleted"; readonly what: Deletion }
  | { readonly kind: "yanked" }
  | { readonly kind: "yank_rotated" }
  | { readonly kind: "history_moved"; readonly delta: -1 | 1 }
  | { readonly kind: "search_started" }
  | { readonly kind: "cancelled" }
  | { readonly kind: "end_of_file" }
  | { readonly kind: "tab_pressed" }
  | { readonly kind: "escaped" }
  | { readonly kind: "screen_cleared" }
  /** Alt-X: the staged-changes pane switches between crm syntax and XML. */
  | { readonly kind: "diff_format_toggled" }
  /** Bracketed paste (ESC[200~ … ESC[201~): inside a paste a tab is a blank, not Tab. */
  | { readonly kind: "paste_toggled"; readonly pasting: boolean };

/** Control characters (Ctrl-letter) and what they do. */
const controls: Readonly<Record<string, ReplAction>> = {
  "\x01": { kind: "cursor_moved", to: "home" },
  "\x02": { kind: "cursor_moved", to: "left" },
  "\x03": { kind: "cancelled" },
  "\x04": { kind: "end_of_file" },
  "\x05": { kind: "cursor_moved", to: "end" },
  "\x06": { kind: "cursor_moved", to: "right" },
  "\x07": { kind: "escaped" },
  "\x08": { kind: "deleted", what: "back" },
  "\t": { kind: "tab_pressed" },
  "\x0b": { kind: "deleted", what: "to_end" },
  "\x0c": { kind: "screen_cleared" },
  "\x0e": { kind: "history_moved", delta: 1 },
  "\x10": { kind: "history_moved", delta: -1 },
  "\x12": { kind: "search_started" },
  "\x15": { kind: "deleted", what: "to_start" },
  "\x17": { kind: "deleted", what: "word_back" },
  "\x19": { kind: "yanked" },
  "\x7f": { kind: "deleted", what: "back" },
};

/** Escape sequences (CSI, SS3 and Alt-key) and what they do. */
const sequences: Readonly<Record<string, ReplAction>> = {
  "\x1b[A": { kind: "history_moved", delta: -1 },
  "\x1b[B": { kind: "history_moved", delta: 1 },
  "\x1b[C": { kind: "cursor_moved", to: "right" },
  "\x1b[D": { kind: "cursor_moved", to: "left" },
  "\x1bOA": { kind: "history_moved", delta: -1 },
  "\x1bOB": { kind: "history_moved", delta: 1 },
  "\x1bOC": { kind: "cursor_moved", to: "right" },
  "\x1bOD": { kind: "cursor_moved", to: "left" },
  "\x1b[H": { kind: "cursor_moved", to: "home" },
  "\x1b[F": { kind: "cursor_moved", to: "end" },
  "\x1bOH": { kind: "cursor_moved", to: "home" },
  "\x1bOF": { kind: "cursor_moved", to: "end" },
  "\x1b[1~": { kind: "cursor_moved", to: "home" },
  "\x1b[4~": { kind: "cursor_moved", to: "end" },
  "\x1b[7~": { kind: "cursor_moved", to: "home" },
  "\x1b[8~": { kind: "cursor_moved", to: "end" },
  "\x1b[3~": { kind: "deleted", what: "forward" },
  "\x1b[1;5C": { kind: "cursor_moved", to: "word_right" },
  "\x1b[1;5D": { kind: "cursor_moved", to: "word_left" },
  "\x1b[1;3C": { kind: "cursor_moved", to: "word_right" },
  "\x1b[1;3D": { kind: "cursor_moved", to: "word_left" },
  "\x1bb": { kind: "cursor_moved", to: "word_left" },
  "\x1bf": { kind: "cursor_moved", to: "word_right" },
  "\x1bd": { kind: "deleted", what: "word_forward" },
  "\x1b\x7f": { kind: "deleted", what: "word_back" },
  "\x1by": { kind: "yank_rotated" },
  "\x1bx": { kind: "diff_format_toggled" },
  "\x1b[200~": { kind: "paste_toggled", pasting: true },
  "\x1b[201~": { kind: "paste_toggled", pasting: false },
};

/** The length of the escape sequence at `index` (CSI, SS3, or ESC + one character). */
function escapeLength(chunk: string, index: number): number {
  const next = chunk[index + 1];
  if (next === undefined) return 1;
  if (next === "[") {
    let end = index + 2;
    while (end < chunk.length && /[0-9;?[]/.test(chunk[end] ?? "")) end += 1;
    return Math.min(end + 1, chunk.length) - index;
  }
  if (next === "O") return Math.min(3, chunk.length - index);
  return 2;
}

/**
 * Splits one chunk of terminal input into actions; unknown sequences are dropped. `pasting`
 * tells whether the chunk starts inside a bracketed paste (the host keeps that between
 * chunks from the `paste_toggled` actions).
 */
export function parseKeys(chunk: string, pasting = false): ReplAction[] {
  const actions: ReplAction[] = [];
  let inPaste = pasting;
  let text = "";
  const flush = (): void => {
    if (text !== "") actions.push({ kind: "inserted", text });
    text = "";
  };
  for (let index = 0; index < chunk.length;) {
    const character = chunk[index] ?? "";
    if (character === "\x1b") {
      flush();
      const length = escapeLength(chunk, index);
      const sequence = chunk.slice(index, index + length);
      const action = length === 1 ? ({ kind: "escaped" } as const) : sequences[sequence];
      if (action !== undefined) actions.push(action);
      if (action?.kind === "paste_toggled") inPaste = action.pasting;
      index += length;
      continue;
    }
    if (character === "\r" || character === "\n") {
      flush();
      actions.push({ kind: "line_ended" });
      index += character === "\r" && chunk[index + 1] === "\n" ? 2 : 1;
      continue;
    }
    if (character === "\t" && inPaste) {
      text += " "; // a tab inside pasted lines is a blank, not a completion request
      index += 1;
      continue;
    }
    const control = controls[character];
    if (control !== undefined) {
      flush();
      actions.push(control);
    } else if (character >= " ") text += character;
    index += 1;
  }
  flush();
  return actions;
}
