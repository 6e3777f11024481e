/**
 * What completion knows about the world, handed in by the shell: ids from a CIB snapshot,
 * agents and their meta-data, and the command tree as data. complete() reads nothing else.
 */

/** The kinds of ids a slot can ask for. `master` resources count as clones. */
export type IdKind =
  | "primitive"
  | "group"
  | "clone"
  | "bundle"
  | "template"
  | "node"
  | "constraint"
  | "tag"
  | "acl_role"
  /** Ids of cluster_property_set and of rsc_defaults/op_defaults meta_attributes. */
  | "property_set";

export const idKinds: readonly IdKind[] = [
  "primitive",
  "group",
  "clone",
  "bundle",
  "template",
  "node",
  "constraint",
  "tag",
  "acl_role",
  "property_set",
];

/** One parameter of an agent, from its meta-data (`<parameter>` with `<shortdesc>`). */
export interface AgentParameter {
  readonly name: string;
  readonly shortDesc: string;
  readonly required?: boolean;
  readonly type?: string;
  readonly default?: string;
}

/** One action of an agent, from its meta-data (`<action name= interval= timeout= depth=>`). */
export interface AgentAction {
  readonly name: string;
  readonly interval?: string;
  readonly timeout?: string;
  readonly depth?: string;
}

/** A command of a level; the shell's `Command` fits this shape as it is. */
export interface CompletionCommand {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly help: string;
}

/**
 * A level of the command tree; the shell's `Level` fits this shape (pass the loaded level
 * with the commands `CommandTree.commands(level)` lists, common ones included).
 */
export interface CompletionLevel {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly help: string;
  readonly commands: readonly CompletionCommand[];
  /** Levels reachable from this one by name. */
  readonly levels?: readonly string[];
}

export interface CompletionContext {
  readonly idsByKind: ReadonlyMap<IdKind, readonly string[]>;
  /** Agent specs: `ocf:heartbeat:IPaddr2`, `stonith:fence_xvm`, `systemd:sshd`… */
  readonly agents: readonly string[];
  /** Parameters by agent spec (as in `agents`), from the agents' meta-data. */
  readonly agentParameters: ReadonlyMap<string, readonly AgentParameter[]>;
  /** Actions by agent spec, from the agents' meta-data (op names and their defaults). */
  readonly agentActions?: ReadonlyMap<string, readonly AgentAction[]>;
  /** Every level, the root level named "root" included. */
  readonly levels: readonly CompletionLevel[];
  /** The level the shell is in (interactive `cd`); "root" when absent. */
  readonly level?: string;
}

export type CandidateKind =
  | "level"
  | "command"
  | "keyword"
  | "id"
  | "agent"
  | "parameter"
  | "meta_attribute"
  | "op_attribute"
  | "property"
  | "value"
  | "score";

export interface Candidate {
  readonly label: string;
  readonly detail?: string;
  readonly kind: CandidateKind;
}

/** The ids of the given kinds, in the context's order, without duplicates. */
export function idsOf(context: CompletionContext, kinds: readonly IdKind[]): string[] {
  const ids = new Set<string>();
  for (const kind of kinds) for (const id of context.idsByKind.get(kind) ?? []) ids.add(id);
  return [...ids];
}

export const resourceKinds: readonly IdKind[] = ["primitive", "group", "clone", "bundle"];

/** What constraints and tags may name: resources and templates (Pacemaker 1.1.3+). */
export const constrainableKinds: readonly IdKind[] = [...resourceKinds, "template"];

export function idCandidates(
  context: CompletionContext,
  kinds: readonly IdKind[],
  options: { readonly exclude?: ReadonlySet<string>; readonly detail?: string } = {},
): Candidate[] {
  return idsOf(context, kinds)
    .filter((id) => options.exclude?.has(id) !== true)
    .map((id) => ({
      label: id,
      kind: "id" as const,
      ...(options.detail === undefined ? {} : { detail: options.detail }),
    }));
}

export function keywordCandidates(words: readonly string[], detail?: string): Candidate[] {
  return words.map((label) => ({
    label,
    kind: "keyword" as const,
    ...(detail === undefined ? {} : { detail }),
  }));
}
