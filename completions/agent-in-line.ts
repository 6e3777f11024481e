/**
 * The agent a command line's primitive or rsc_template names, so the shell loads the
 * meta-data of that one agent (for parameter names) rather than of every agent installed.
 */
import { resolveHeadWord } from "../grammar/index.js";
import { resolveAgent } from "./agents.js";
import { shellWords } from "./cursor.js";

/** The agent spec (one of `agents`) named before the cursor, if the line defines a resource. */
export function agentInLine(
  line: string,
  cursor: number,
  agents: readonly string[],
): string | undefined {
  const { complete: words } = shellWords(line.slice(0, cursor));
  for (const [index, word] of words.entries()) {
    const statement = resolveHeadWord(word.value);
    if (statement !== "primitive" && statement !== "rsc_template") continue;
    const spec = words[index + 2]?.value;
    if (spec === undefined || spec.startsWith("@")) return undefined;
    return resolveAgent(spec, { agents });
  }
  return undefined;
}
