/**
 * Resource sets (crmsh.md §1.6.12): members in sequence, each distinct `:ROLE`/`:ACTION`
 * suffix starts a new set; `( … )` is sequential=false, `[ … ]` also require-all=false;
 * `sequential=`/`require-all=` inside brackets override. Nesting, empty sets and unmatched or
 * mismatched brackets are issues.
 */
import type { IToken } from "chevrotain";
import type { Reference, ResourceSet } from "../ast.js";
import { orderActions, roleNames } from "../keywords.js";
import { nameValue, spanOf, valueOf, type AstContext, type Mutable } from "./context.js";

/** Whether members carry roles (colocation, location, rsc_ticket) or actions (order). */
export type SuffixKind = "role" | "action";

export interface Member {
  readonly resource: Reference;
  readonly role?: string;
  readonly action?: string;
  readonly instance?: string;
}

/** `RSC[:ROLE|:ACTION|:N]` */
export function toMember(context: AstContext, token: IToken, kind: SuffixKind): Member {
  const text = valueOf(token);
  const span = spanOf(token, context.statementSpan);
  const colon = text.indexOf(":");
  const resource: Reference = { id: colon < 0 ? text : text.slice(0, colon), span };
  if (colon < 0) return { resource };
  const suffix = text.slice(colon + 1);
  if (/^\d+$/.test(suffix)) return { resource, instance: suffix };
  if (kind === "action") {
    const action = context.oneOf(suffix, orderActions, {
      code: "invalid_action",
      what: "action",
      subject: resource.id,
      span,
    });
    return action === undefined ? { resource } : { resource, action };
  }
  const role = context.oneOf(suffix, roleNames, {
    code: "invalid_role",
    what: "role",
    subject: resource.id,
    span,
  });
  return role === undefined ? { resource } : { resource, role };
}

const truthy: Readonly<Record<string, boolean>> = {
  true: true, yes: true, on: true, "1": true, false: false, no: false, off: false, "0": false,
};

export function toBoolean(context: AstContext, token: IToken): boolean | undefined {
  const pair = nameValue(token);
  const word = pair.value.toLowerCase();
  const value = Object.hasOwn(truthy, word) ? truthy[word] : undefined;
  if (value === undefined) {
    context.error("invalid_value", `Invalid ${pair.name} "${pair.value}": expected true or false`,
      pair.span);
  }
  return value;
}

interface OpenSet {
  bracket: ResourceSet["bracket"];
  sequential: boolean;
  requireAll: boolean;
  suffix: string | undefined;
  members: Member[];
  opener: IToken | undefined;
  span: ResourceSet["span"];
}

function finish(set: OpenSet): ResourceSet {
  const first = set.members[0];
  const result: Mutable<ResourceSet> = {
    kind: "resource_set",
    bracket: set.bracket,
    sequential: set.sequential,
    requireAll: set.requireAll,
    members: set.members.map((member) => member.resource),
    span: set.span,
  };
  if (first?.role !== undefined) result.role = first.role;
  if (first?.action !== undefined) result.action = first.action;
  return result;
}

function suffixOf(member: Member): string | undefined {
  return member.role ?? member.action;
}

function isOpener(token: IToken): boolean {
  return token.tokenType.name === "LParen" || token.tokenType.name === "LBracket";
}

function isCloser(token: IToken): boolean {
  return token.tokenType.name === "RParen" || token.tokenType.name === "RBracket";
}

class SetBuilder {
  readonly sets: ResourceSet[] = [];
  readonly members: Member[] = [];
  bracketCount = 0;
  #current: OpenSet | undefined;
  constructor(private readonly context: AstContext, private readonly kind: SuffixKind) {}

  open(token: IToken): void {
    if (this.#current?.opener !== undefined) {
      this.context.error("unmatched_bracket", "Nested brackets are not allowed", spanOf(token));
      return;
    }
    this.#flush();
    this.bracketCount += 1;
    const parentheses = token.tokenType.name === "LParen";
    this.#current = { bracket: parentheses ? "parentheses" : "brackets", sequential: false,
      requireAll: parentheses, suffix: undefined, members: [], opener: token,
      span: spanOf(token) };
  }

  close(token: IToken): void {
    const current = this.#current;
    if (current?.opener === undefined) {
      this.context.error("unmatched_bracket", "Unmatched closing bracket", spanOf(token));
      return;
    }
    const matches = (current.opener.tokenType.name === "LParen") ===
      (token.tokenType.name === "RParen");
    if (!matches) this.context.error("unmatched_bracket", "Mismatched closing bracket", spanOf(token));
    if (current.members.length === 0) {
      this.context.error("syntax", "Empty resource set", spanOf(token));
    }
    this.#flush();
  }

  option(token: IToken): void {
    const current = this.#current;
    const { name } = nameValue(token);
    if (current?.opener === undefined || (name !== "sequential" && name !== "require-all")) {
      this.context.error("syntax", `Unexpected "${valueOf(token)}"`, spanOf(token));
      return;
    }
    const value = toBoolean(this.context, token);
    if (value === undefined) return;
    if (name === "sequential") current.sequential = value;
    else current.requireAll = value;
  }

  member(token: IToken): void {
    const member = toMember(this.context, token, this.kind);
    this.members.push(member);
    const current = this.#current;
    if (current?.opener !== undefined) {
      if (current.members.length > 0 && current.suffix !== suffixOf(member)) {
        this.context.error("syntax", "Resources in one bracketed set share one role or action",
          member.resource.span);
      }
      current.suffix ??= suffixOf(member);
      current.members.push(member);
      return;
    }
    if (current === undefined || current.suffix !== suffixOf(member)) {
      this.#flush();
      this.#current = { bracket: "none", sequential: true, requireAll: true,
        suffix: suffixOf(member), members: [], opener: undefined, span: member.resource.span };
    }
    this.#current?.members.push(member);
  }

  end(): ResourceSet[] {
    const opener = this.#current?.opener;
    if (opener !== undefined) {
      this.context.error("unmatched_bracket", "Unmatched opening bracket", spanOf(opener));
    }
    this.#flush();
    return this.sets;
  }

  #flush(): void {
    if (this.#current !== undefined && this.#current.members.length > 0) {
      this.sets.push(finish(this.#current));
    }
    this.#current = undefined;
  }
}

export interface BuiltSets {
  readonly sets: readonly ResourceSet[];
  /** Every member in order (for the two-resource forms). */
  readonly members: readonly Member[];
  /** True when any ( ) or [ ] was written. */
  readonly bracketed: boolean;
}

/** Builds resource sets from flat set tokens (names, brackets, in-bracket options). */
export function buildSets(context: AstContext, tokens: readonly IToken[], kind: SuffixKind) {
  const builder = new SetBuilder(context, kind);
  for (const token of tokens) {
    if (isOpener(token)) builder.open(token);
    else if (isCloser(token)) builder.close(token);
    else if (token.tokenType.name === "Assignment" || token.tokenType.name === "RoleAssign") {
      builder.option(token);
    } else builder.member(token);
  }
  const sets = builder.end();
  const built: BuiltSets = { sets, members: builder.members, bracketed: builder.bracketCount > 0 };
  return built;
}

/** Splits trailing `name=value` options (node-attribute=, symmetrical=, loss-policy=). */
export function takeTrailingOptions(
  tokens: readonly IToken[],
  names: readonly string[],
): { rest: IToken[]; options: IToken[] } {
  const rest = [...tokens];
  const options: IToken[] = [];
  while (rest.length > 0) {
    const last = rest[rest.length - 1];
    if (last === undefined || !last.tokenType.name.endsWith("Assign") &&
      last.tokenType.name !== "Assignment") break;
    if (!names.includes(nameValue(last).name)) break;
    options.unshift(last);
    rest.pop();
  }
  return { rest, options };
}
