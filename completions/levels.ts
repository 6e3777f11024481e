/**
 * The command tree walk: levels and commands by exact name, alias or unique prefix (as the
 * shell dispatches), and the candidates of a level and of its commands' arguments.
 */
import { statementKeywords } from "../grammar/index.js";
import { idKinds, resourceKinds } from "./context.js";
import { argumentSlot } from "./arguments.js";
import type {
  Candidate,
  CompletionCommand,
  CompletionContext,
  CompletionLevel,
} from "./context.js";
import { idCandidates, keywordCandidates } from "./context.js";

export function levelNamed(name: string, context: CompletionContext): CompletionLevel | undefined {
  return context.levels.find((level) => level.name === name || level.aliases.includes(name));
}

const namesOf = (item: { readonly name: string; readonly aliases: readonly string[] }) => [
  item.name,
  ...item.aliases,
];

/** The level `word` enters from `from`: exact, else a unique prefix no command shares. */
export function sublevel(
  from: CompletionLevel,
  word: string,
  context: CompletionContext,
): CompletionLevel | undefined {
  const reachable = (from.levels ?? [])
    .map((name) => levelNamed(name, context))
    .filter((level): level is CompletionLevel => level !== undefined);
  const exact = reachable.find((level) => namesOf(level).includes(word));
  if (exact !== undefined) return exact;
  if (from.commands.some((command) => command.name.startsWith(word))) return undefined;
  const prefixed = reachable.filter((level) => namesOf(level).some((n) => n.startsWith(word)));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** The command `word` names in `level`: exact name or alias, else a unique prefix. */
export function commandNamed(level: CompletionLevel, word: string): CompletionCommand | undefined {
  const exact = level.commands.find((command) => namesOf(command).includes(word));
  if (exact !== undefined) return exact;
  const prefixed = level.commands.filter((command) => command.name.startsWith(word));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** Commands and sublevels of a level (configure adds every statement keyword). */
export function levelCandidates(level: CompletionLevel, context: CompletionContext): Candidate[] {
  const commands: Candidate[] = level.commands.map((command) => ({
    label: command.name,
    kind: "command",
    detail: command.help,
  }));
  const levels: Candidate[] = (level.levels ?? []).map((name) => ({
    label: name,
    kind: "level",
    detail: levelNamed(name, context)?.help ?? "level",
  }));
  const statements =
    level.name === "configure"
      ? keywordCandidates(
          statementKeywords.filter((word) => word !== "xml"),
          "statement",
        )
      : [];
  return [...levels, ...commands, ...statements];
}

/** Candidates for argument `position` of `command` in `level`. */
export function argumentCandidates(
  level: CompletionLevel,
  command: CompletionCommand,
  position: number,
  context: CompletionContext,
): Candidate[] {
  const slot = argumentSlot(level.name, command.name, position);
  if (slot === undefined) return [];
  switch (slot.kind) {
    case "ids":
      return idCandidates(context, slot.idKinds);
    case "levels":
      return [
        ...(level.levels ?? []).map((name) => ({ label: name, kind: "level" as const })),
        ...(level.name === "root" ? [] : [{ label: "..", kind: "level" as const }]),
      ];
    case "commands":
      return levelCandidates(level, context);
    case "words":
      return keywordCandidates(slot.words);
    case "object_filters":
      return objectFilterCandidates(context);
  }
}

/** `show`'s objects: any id, `xml`, `changed`, `type:KIND`, `tag:TAG`, `related:RESOURCE`. */
function objectFilterCandidates(context: CompletionContext): Candidate[] {
  const types = statementKeywords.filter((word) => word !== "xml" && word !== "monitor");
  return [
    ...idCandidates(context, idKinds),
    ...keywordCandidates(["xml", "changed"]),
    ...keywordCandidates(
      types.map((type) => `type:${type}`),
      "all objects of a type",
    ),
    ...idCandidates(context, ["tag"]).map((tag) => ({ ...tag, label: `tag:${tag.label}` })),
    ...idCandidates(context, resourceKinds).map((resource) => ({
      ...resource,
      label: `related:${resource.label}`,
    })),
  ];
}
