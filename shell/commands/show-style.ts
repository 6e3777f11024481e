/** Keywords that open a continuation line of `show` (attribute sets, ops, rules). */
const sectionKeywords: ReadonlySet<string> = new Set([
  "params",
  "meta",
  "utilization",
  "attributes",
  "op",
  "op_params",
  "op_meta",
  "operations",
  "rule",
]);

/**
 * crmsh's `output uppercase` (`-D uppercase`): `show` prints its keywords in capitals — each
 * object's kind (`PRIMITIVE`, `XML`) and the words opening its continuation lines (`PARAMS`,
 * `META`, `OP`, `RULE`…). Ids, values and raw XML lines are left as they are.
 */
export function uppercaseKeywords(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const match = /^(\t?)([a-z_]+)(?=\s|$)/.exec(line);
      if (match === null) return line;
      const [whole, indent = "", word = ""] = match;
      const keyword = indent === "" || sectionKeywords.has(word);
      return keyword ? indent + word.toUpperCase() + line.slice(whole.length) : line;
    })
    .join("\n");
}
