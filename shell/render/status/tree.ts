/**
 * Pacemaker's text output nests lists: a list header ends with `:` and its items are
 * written `* text`, two more spaces in per level. The top level has no bullet.
 */
export interface ListItem {
  readonly text: string;
  /** Present for a list header (even when empty); absent for a plain item. */
  readonly children?: readonly ListItem[];
  /** A blank line is written before this item (Pacemaker's "spacer"). */
  readonly spacer?: boolean;
  /** The text in plain (non-fancy) output, where list labels such as "Online:" are dropped. */
  readonly plain?: string;
}

export function listItem(text: string, children?: readonly ListItem[]): ListItem {
  return children === undefined ? { text } : { text, children };
}

/** Lines for one item and its children; `depth` 0 is a title without bullet. */
export function renderTree(item: ListItem, depth = 0): string[] {
  const lines: string[] = [];
  if (item.spacer === true) lines.push("");
  const suffix = item.children === undefined ? "" : ":";
  const prefix = depth === 0 ? "" : `${"  ".repeat(depth)}* `;
  lines.push(`${prefix}${item.text}${suffix}`);
  for (const child of item.children ?? []) lines.push(...renderTree(child, depth + 1));
  return lines;
}

/**
 * Pacemaker's plain text output (crm_simulate with --show-scores): list headers are not
 * written and items carry no bullet or indentation.
 */
export function renderPlain(item: ListItem, withHeader = false): string[] {
  const lines: string[] = [];
  if (item.spacer === true) lines.push("");
  if (item.children === undefined) {
    lines.push(item.plain ?? item.text);
    return lines;
  }
  if (withHeader) lines.push(`${item.text}:`);
  for (const child of item.children) lines.push(...renderPlain(child));
  return lines;
}
