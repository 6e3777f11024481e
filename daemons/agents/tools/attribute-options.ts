import type { Issue, Result } from "../../../backend/base/index.js";
import { fail, issue, nearest, ok } from "../../../backend/base/index.js";

/** What one crm_attribute call asks for (the subset quorate's agents and scripts use). */
export interface AttributeCommand {
  readonly operation: "update" | "delete" | "query";
  readonly node: string;
  readonly name: string;
  /** For update. */
  readonly value?: string;
  /** `status` (`-l reboot`, transient, attrd) or `nodes` (`-l forever`, permanent). */
  readonly section: "status" | "nodes";
  /** `-q`: print only the value. */
  readonly quiet: boolean;
  /** `-d VALUE`: what a query prints when the attribute is unset. */
  readonly defaultValue?: string;
}

/** What the caller's surroundings supply: the local node and the resource instance. */
export interface AttributeContext {
  readonly localNode?: string;
  readonly resourceInstance?: string;
}

interface Draft {
  operation?: AttributeCommand["operation"];
  node?: string | undefined;
  name?: string | undefined;
  value?: string | undefined;
  lifetime?: string | undefined;
  promotion?: string | true | undefined;
  quiet: boolean;
  defaultValue?: string | undefined;
}

type Handler = (draft: Draft, value: string | undefined) => Issue | undefined;

const takesValue = new Set([
  "update",
  "node",
  "name",
  "lifetime",
  "type",
  "default",
  "set-name",
  "id",
]);

const shortNames: Readonly<Record<string, string>> = {
  G: "query",
  v: "update",
  D: "delete",
  N: "node",
  U: "node",
  n: "name",
  l: "lifetime",
  t: "type",
  p: "promotion",
  q: "quiet",
  d: "default",
  s: "set-name",
  i: "id",
  z: "utilization",
};

function lifetimeOf(word: string): string | undefined {
  if (word === "reboot" || word === "status") return "reboot";
  if (word === "forever" || word === "nodes") return "forever";
  return undefined;
}

const handlers: Readonly<Record<string, Handler>> = {
  query: (draft) => void (draft.operation = "query"),
  delete: (draft) => void (draft.operation = "delete"),
  update: (draft, value) => {
    draft.operation = "update";
    draft.value = value ?? "";
    return undefined;
  },
  node: (draft, value) => void (draft.node = value),
  name: (draft, value) => void (draft.name = value),
  quiet: (draft) => void (draft.quiet = true),
  default: (draft, value) => void (draft.defaultValue = value),
  promotion: (draft, value) => void (draft.promotion = value ?? true),
  "set-name": () => undefined,
  id: () => undefined,
  lifetime: (draft, value) => setLifetime(draft, value ?? "", "lifetime"),
  type: (draft, value) => setLifetime(draft, value ?? "", "type"),
  utilization: () =>
    issue("unsupported", "Utilization attributes are not kept by quorate's crm_attribute"),
};

function setLifetime(draft: Draft, word: string, option: string): Issue | undefined {
  const lifetime = lifetimeOf(word);
  if (lifetime === undefined) {
    const known = option === "type" ? ["status", "nodes"] : ["reboot", "forever"];
    const hint = nearest(word, known);
    return issue(
      "unsupported",
      `--${option} ${word} is not supported here (use ${known.join(" or ")})`,
      {
        ...(hint === undefined ? {} : { suggestion: hint }),
      },
    );
  }
  draft.lifetime = lifetime;
  return undefined;
}

/** `-Gq` → `-G -q`: letters of options without a value may share one dash. */
function expandFlags(argv: readonly string[]): string[] {
  return argv.flatMap((word) => {
    if (word.startsWith("--") || !word.startsWith("-") || word.length <= 2) return [word];
    const letters = [...word.slice(1)];
    const flagsOnly = letters.every((letter) => {
      const long = shortNames[letter];
      return long !== undefined && !takesValue.has(long);
    });
    return flagsOnly ? letters.map((letter) => `-${letter}`) : [word];
  });
}

/** Splits `--name=value`, `--name value`, `-n value`, `-nvalue` into (option, value). */
function* options(words: readonly string[]): Generator<[string, string | undefined] | Issue> {
  const argv = expandFlags(words);
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index] ?? "";
    let name: string;
    let inline: string | undefined;
    if (word.startsWith("--")) {
      const equals = word.indexOf("=");
      name = equals < 0 ? word.slice(2) : word.slice(2, equals);
      inline = equals < 0 ? undefined : word.slice(equals + 1);
    } else if (word.startsWith("-") && word.length > 1) {
      const long = shortNames[word[1] ?? ""];
      if (long === undefined) {
        yield issue("unknown_option", `Unknown option ${word.slice(0, 2)}`);
        continue;
      }
      name = long;
      inline = word.length > 2 ? word.slice(2) : undefined;
    } else {
      yield issue("unexpected_argument", `Unexpected argument "${word}"`);
      continue;
    }
    if (takesValue.has(name) && inline === undefined) {
      index += 1;
      inline = argv[index];
      if (inline === undefined) yield issue("missing_value", `Option --${name} needs a value`);
    }
    yield [name, inline];
  }
}

function finish(draft: Draft, context: AttributeContext): Result<AttributeCommand> {
  const promotion = draft.promotion;
  let name = draft.name;
  if (promotion !== undefined) {
    const resource = promotion === true ? context.resourceInstance : promotion;
    if (resource === undefined || resource === "")
      return fail([
        issue("missing_name", "--promotion needs a resource (or OCF_RESOURCE_INSTANCE)"),
      ]);
    name = `master-${resource.replace(/:\d+$/, "")}`;
  }
  if (name === undefined || name === "")
    return fail([issue("missing_name", "Give the attribute's name with -n/--name")]);
  const node = draft.node ?? context.localNode;
  if (node === undefined || node === "")
    return fail([
      issue("missing_node", "Give the node with -N/--node (the local node is unknown)"),
    ]);
  const section =
    draft.lifetime === undefined
      ? promotion !== undefined || draft.node === undefined
        ? "status"
        : "nodes"
      : draft.lifetime === "reboot"
        ? "status"
        : "nodes";
  const command: AttributeCommand = {
    operation: draft.operation ?? "query",
    node,
    name,
    section,
    quiet: draft.quiet,
    ...(draft.value === undefined ? {} : { value: draft.value }),
    ...(draft.defaultValue === undefined ? {} : { defaultValue: draft.defaultValue }),
  };
  return ok(command);
}

/**
 * Reads crm_attribute's options (Pacemaker 2.1): -G/-v/-D, -N, -n, -l reboot|forever (or
 * -t status|nodes), -p/--promotion[=RSC] for master-RSC, -q, -d. Without -l the section is
 * `status` for --promotion or without -N, else `nodes`, as Pacemaker decides.
 */
export function parseAttributeOptions(
  argv: readonly string[],
  context: AttributeContext,
): Result<AttributeCommand> {
  const draft: Draft = { quiet: false };
  const issues: Issue[] = [];
  for (const item of options(argv)) {
    if (!Array.isArray(item)) {
      issues.push(item);
      continue;
    }
    const [name, value] = item;
    const handler = handlers[name];
    if (handler === undefined) {
      const hint = nearest(name, Object.keys(handlers));
      issues.push(
        issue(
          "unknown_option",
          `Unknown option --${name}`,
          hint === undefined ? {} : { suggestion: `--${hint}` },
        ),
      );
      continue;
    }
    const problem = handler(draft, value);
    if (problem !== undefined) issues.push(problem);
  }
  if (issues.length > 0) return fail(issues);
  return finish(draft, context);
}
