import type { Issue, Result } from "../../../backend/base/index.js";
import { assert, fail, issue, nearest, ok } from "../../../backend/base/index.js";
import { readToolOptions, type ToolOptionTable } from "./tool-options.js";

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

const table: ToolOptionTable = {
  valued: new Set(["update", "node", "name", "lifetime", "type", "default", "set-name", "id"]),
  flags: new Set(["query", "delete", "quiet", "promotion", "utilization"]),
  shortNames: {
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
  },
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
  const read = readToolOptions(argv, table);
  const issues: Issue[] = [...read.issues];
  for (const [name, value] of read.options) {
    const handler = handlers[name];
    assert(handler !== undefined, `crm_attribute's option table names --${name} without a handler`);
    const problem = handler(draft, value);
    if (problem !== undefined) issues.push(problem);
  }
  if (issues.length > 0) return fail(issues);
  return finish(draft, context);
}
