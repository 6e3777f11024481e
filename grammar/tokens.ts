/**
 * The token table of the crm configure language. Keywords are soft: each keyword token has
 * `longer_alt: Word` (so `params=x` and `meta:bigdb` stay words) and the `Name` category (so a
 * keyword may be an id: `primitive params Dummy`). Section keywords (the words that end an
 * attribute list) are only `Name`; every other keyword is also `PlainName`, which is what a
 * bare nvpair name or a group child may be.
 *
 * Shape tokens (`name=value`, `N:`, `$id=`, `@ref`, brackets) have no lexer pattern: the
 * lexer yields shell words and `classify.ts` gives each word its shape after quote removal.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

export const Name = createToken({ name: "Name", pattern: Lexer.NA, label: "a name" });
export const PlainName = createToken({
  name: "PlainName",
  pattern: Lexer.NA,
  categories: [Name],
  label: "a name",
});

/**
 * Start characters of a word: every non-blank Latin-1 character, and one character per
 * bucket of Chevrotain's first-character table above 255 (it groups them by 255), so any
 * BMP character may start a word while the lexer stays optimized.
 */
function wordStartChars(): string[] {
  const chars: string[] = [];
  for (let code = 0x21; code <= 0xff; code++) {
    const char = String.fromCharCode(code);
    if (!/\s/.test(char)) chars.push(char);
  }
  for (let code = 0x100; code <= 0xffff; code += 255) chars.push(String.fromCharCode(code));
  return chars;
}

/** One shell word: unquoted runs, backslash escapes, "double" and 'single' quoted runs. */
export const Word = createToken({
  name: "Word",
  pattern: /(?:[^\s"'\\]|\\[\s\S]|"(?:[^"\\]|\\[\s\S])*"|'[^']*')+/,
  start_chars_hint: wordStartChars(),
  line_breaks: false,
  categories: [PlainName],
  label: "a name",
});

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /\s+/,
  group: Lexer.SKIPPED,
});

// Shape tokens, assigned by classify.ts.
export const Assignment = createToken({
  name: "Assignment",
  pattern: Lexer.NA,
  label: "name=value",
});
export const RoleAssign = createToken({
  name: "RoleAssign",
  pattern: Lexer.NA,
  categories: [Assignment],
  label: "role=ROLE",
});
export const IdAssign = createToken({ name: "IdAssign", pattern: Lexer.NA, label: "$id=ID" });
export const IdRefAssign = createToken({
  name: "IdRefAssign",
  pattern: Lexer.NA,
  label: "$id-ref=ID",
});
export const NvpairIdAssign = createToken({
  name: "NvpairIdAssign",
  pattern: Lexer.NA,
  label: "$ID:name=value",
});
export const AtRef = createToken({ name: "AtRef", pattern: Lexer.NA, label: "@ID" });
export const Label = createToken({ name: "Label", pattern: Lexer.NA, label: "a score (N:)" });
export const BinaryOperator = createToken({
  name: "BinaryOperator",
  pattern: Lexer.NA,
  label: "an operator (lt gt lte gte eq ne)",
});
export const TypedOperator = createToken({
  name: "TypedOperator",
  pattern: Lexer.NA,
  categories: [BinaryOperator],
  label: "a typed operator (number:gt…)",
});
export const LParen = createToken({ name: "LParen", pattern: Lexer.NA, label: "'('" });
export const RParen = createToken({ name: "RParen", pattern: Lexer.NA, label: "')'" });
export const LBracket = createToken({ name: "LBracket", pattern: Lexer.NA, label: "'['" });
export const RBracket = createToken({ name: "RBracket", pattern: Lexer.NA, label: "']'" });
export const LBrace = createToken({ name: "LBrace", pattern: Lexer.NA, label: "'{'" });
export const RBrace = createToken({ name: "RBrace", pattern: Lexer.NA, label: "'}'" });

const keywordTokens: TokenType[] = [];
const keywordWordList: string[] = [];
const wordOfKeyword = new Map<TokenType, string>();

function keyword(word: string, options: { section?: boolean; extra?: TokenType[] } = {}) {
  const escaped = word.replace(/[-]/g, "\\-");
  const token = createToken({
    name: `Kw_${word.replace(/-/g, "_")}`,
    pattern: new RegExp(escaped, "i"),
    // Hints spare the lexer from analysing each keyword's regular expression at start-up.
    start_chars_hint: [word.charAt(0), word.charAt(0).toUpperCase()],
    line_breaks: false,
    longer_alt: Word,
    categories: [options.section === true ? Name : PlainName, ...(options.extra ?? [])],
    label: `'${word}'`,
  });
  keywordTokens.push(token);
  keywordWordList.push(word);
  wordOfKeyword.set(token, word);
  return token;
}

// Statement heads (and their aliases).
export const Node = keyword("node");
export const Primitive = keyword("primitive", { section: true });
export const Resource = keyword("resource");
export const Group = keyword("group");
export const Clone = keyword("clone");
export const Ms = keyword("ms");
export const Master = keyword("master");
export const RscTemplate = keyword("rsc_template");
export const Bundle = keyword("bundle");
export const Location = keyword("location");
export const Colocation = keyword("colocation");
export const Collocation = keyword("collocation");
export const Order = keyword("order");
export const RscTicket = keyword("rsc_ticket");
export const Monitor = keyword("monitor");
export const Property = keyword("property");
export const RscDefaults = keyword("rsc_defaults");
export const OpDefaults = keyword("op_defaults");
export const FencingTopology = keyword("fencing_topology");
export const FencingTopologyDash = keyword("fencing-topology");
export const Tag = keyword("tag");
export const User = keyword("user");
export const Role = keyword("role");
export const AclTarget = keyword("acl_target");
export const AclGroup = keyword("acl_group");
export const Alert = keyword("alert");
export const Xml = keyword("xml");

// Sections: they end an attribute list.
export const Params = keyword("params", { section: true });
export const Meta = keyword("meta", { section: true });
export const Utilization = keyword("utilization", { section: true });
export const Attributes = keyword("attributes", { section: true });
export const Operations = keyword("operations", { section: true });
export const Op = keyword("op", { section: true });
export const OpParams = keyword("op_params", { section: true });
export const OpMeta = keyword("op_meta", { section: true });
export const Rule = keyword("rule", { section: true });
export const To = keyword("to", { section: true });
export const Select = keyword("select", { section: true });
export const Network = keyword("network", { section: true });
export const Storage = keyword("storage", { section: true });
export const PortMapping = keyword("port-mapping", { section: true });
export const StorageMapping = keyword("storage-mapping", { section: true });
export const Docker = keyword("docker", { section: true });
export const Rkt = keyword("rkt", { section: true });
export const Podman = keyword("podman", { section: true });

// Rule expressions.
export const And = keyword("and");
export const Or = keyword("or");
export const Defined = keyword("defined");
export const NotDefined = keyword("not_defined");
export const DateWord = keyword("date");
export const Lte = keyword("lte", { extra: [BinaryOperator] });
export const Gte = keyword("gte", { extra: [BinaryOperator] });
export const Lt = keyword("lt", { extra: [BinaryOperator] });
export const Gt = keyword("gt", { extra: [BinaryOperator] });
export const Eq = keyword("eq", { extra: [BinaryOperator] });
export const Ne = keyword("ne", { extra: [BinaryOperator] });
export const InRange = keyword("in_range");
export const In = keyword("in");
export const DateSpec = keyword("date_spec");
export const Spec = keyword("spec");

// ACL rights.
export const Read = keyword("read");
export const Write = keyword("write");
export const Deny = keyword("deny");

/**
 * Keyword tokens, longest first so that a keyword that is a prefix of another (`op` of
 * `op_params`, `in` of `in_range`, `lt` of `lte`) never shadows it.
 */
export const keywords: readonly TokenType[] = [...keywordTokens].sort(
  (a, b) => String(b.PATTERN).length - String(a.PATTERN).length,
);

/** The spelling of every keyword (lower case): a word that reads as a keyword when bare. */
export const keywordWords: ReadonlySet<string> = new Set(keywordWordList);

/** The keyword a keyword token stands for (`Kw_port_mapping` → `port-mapping`). */
export const keywordOfToken: ReadonlyMap<TokenType, string> = wordOfKeyword;

/** Every token type the parser knows (lexer tokens and shape tokens). */
export const allTokens: readonly TokenType[] = [
  WhiteSpace,
  ...keywords,
  Word,
  Name,
  PlainName,
  Assignment,
  RoleAssign,
  IdAssign,
  IdRefAssign,
  NvpairIdAssign,
  AtRef,
  Label,
  BinaryOperator,
  TypedOperator,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
];

/** The tokens the Chevrotain lexer matches: whitespace, keywords, then any shell word. */
export const lexerTokens: readonly TokenType[] = [WhiteSpace, ...keywords, Word];
