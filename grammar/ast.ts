/**
 * The typed AST of the crm configure language (crmsh 4.4, reference crmsh.md §1).
 *
 * Modelled after the XML crmsh writes, so backend/configure maps it directly: optional
 * fields are absent when the user did not write them (ids are generated later, from §1.5),
 * user-given ids (`$id=`) are kept, and raw spellings are kept where crmsh's generated ids
 * or output depend on them (op interval "as written", score spelling).
 *
 * Changes to this file are additive only (backend/configure is written against it).
 */
import type { Issue, Span } from "../backend/base/index.js";

/** Lex → parse → AST outcome: ok with warnings, or not ok with a partial value and issues. */
export type ParseResult<T> =
  | { readonly ok: true; readonly value: T; readonly issues: readonly Issue[] }
  | { readonly ok: false; readonly partial: T | undefined; readonly issues: readonly Issue[] };

/** A word that names another object (resource, node, role, template…), with its position. */
export interface Reference {
  readonly id: string;
  readonly span: Span;
}

/** A `name=value` token that is copied to an XML attribute (op attributes, bundle options…). */
export interface NameValue {
  readonly name: string;
  readonly value: string;
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------
// Scores (§1.2)

/**
 * How a score was written. `infinity`: inf/INF/infinity/INFINITY with optional sign;
 * `integer`: optional sign and digits; `mandatory`/`advisory`: those words in any case;
 * `attribute`: anything else (a node attribute the score is read from).
 */
export type ScoreForm = "infinity" | "integer" | "mandatory" | "advisory" | "attribute";

export interface Score {
  /** As written, without the trailing colon: `inf`, `+inf`, `-INFINITY`, `100`, `Mandatory`. */
  readonly raw: string;
  readonly form: ScoreForm;
  /**
   * The XML `score` value: "INFINITY", "+INFINITY", "-INFINITY", the integer as written
   * ("100", "-20", "+5"), "INFINITY" for mandatory, "0" for advisory. Absent for `attribute`.
   */
  readonly value?: string;
  /** The XML `score-attribute` value, for form `attribute`. */
  readonly attribute?: string;
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------
// Attribute lists (§1.3)

export type Nvpair =
  | {
      readonly kind: "nvpair";
      readonly name: string;
      /** Absent for a bare `name` (no value attribute); "" for `name=`. */
      readonly value?: string;
      /** `$ID:name=value` gives the nvpair an explicit id. */
      readonly id?: string;
      readonly span: Span;
    }
  | {
      /** `@ID[:name]`: an nvpair that is an id-ref to another nvpair. */
      readonly kind: "nvpair_ref";
      readonly idRef: string;
      readonly name?: string;
      readonly span: Span;
    };

/** The keyword that opened an attribute list. */
export type AttributeSetKeyword =
  | "params"
  | "meta"
  | "utilization"
  | "attributes"
  | "op_params"
  | "op_meta";

/** The CIB element an attribute list becomes. */
export type AttributeSetElement = "instance_attributes" | "meta_attributes" | "utilization";

export interface AttributeSet {
  readonly kind: "attribute_set";
  readonly keyword: AttributeSetKeyword;
  readonly element: AttributeSetElement;
  /** True when the keyword was omitted (`primitive d Dummy a=b`, op instance attributes). */
  readonly implicit: boolean;
  /** `$id=ID` */
  readonly id?: string;
  /** `$id-ref=ID`: the whole set is a reference; nothing else is read. */
  readonly idRef?: string;
  /** A leading `N:` (the set score, `<meta_attributes score="10">`). */
  readonly score?: Score;
  readonly rules: readonly Rule[];
  readonly nvpairs: readonly Nvpair[];
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------
// Rules and expressions (§1.4)

export type BinaryOperation = "lt" | "gt" | "lte" | "gte" | "eq" | "ne";
export type UnaryOperation = "defined" | "not_defined";
export type ExpressionType = "string" | "integer" | "number" | "version";

export interface Expression {
  readonly kind: "expression";
  readonly operation: BinaryOperation | UnaryOperation;
  /** The node attribute; may start with `#` (`#uname`). */
  readonly attribute: string;
  /** Absent for defined/not_defined. For `param{site}` this is `site`. */
  readonly value?: string;
  /** From a `string:`/`integer:`/`number:`/`version:` prefix on the operator. */
  readonly type?: ExpressionType;
  /** `param{site}` → "param" (value-source); `meta{x}` → "meta". */
  readonly valueSource?: string;
  readonly span: Span;
}

/** A `KEY=VALUE` of a date_spec or duration, in input order. */
export interface DateField {
  readonly name: string;
  readonly value: string;
  readonly span: Span;
}

export type DateOperation = "lt" | "gt" | "in_range" | "date_spec";

export interface DateExpression {
  readonly kind: "date_expression";
  readonly operation: DateOperation;
  /** As written: `lt`, `gt`, `in`, `in_range`, `spec`, `date_spec`. */
  readonly operationRaw: string;
  /** `gt V` and `in_range start=V`. */
  readonly start?: string;
  /** `lt V` and `in_range end=V`. */
  readonly end?: string;
  /** `in_range` duration keys (`months=2 weeks=1`) → child `<duration>`. */
  readonly duration?: readonly DateField[];
  /** `date_spec` keys → child `<date_spec>`. */
  readonly dateSpec?: readonly DateField[];
  readonly span: Span;
}

export type RuleExpression = Expression | DateExpression;

export interface Rule {
  readonly kind: "rule";
  /** `$id=ID` */
  readonly id?: string;
  /** `$id-ref=ID`: a reference; only `role` may accompany it. */
  readonly idRef?: string;
  /** `$role=ROLE` or `role=ROLE`, as written. */
  readonly role?: string;
  /** Absent means the default `INFINITY`. */
  readonly score?: Score;
  /** Absent when there is at most one expression or all are joined by `and`. */
  readonly booleanOp?: "and" | "or";
  readonly expressions: readonly RuleExpression[];
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------
// Statements

export interface StatementBase {
  /** Position of the statement's first token (line of the original text). */
  readonly span: Span;
  /** `# …` comment lines just above the statement, each with its `#`, in order. */
  readonly comments: readonly string[];
}

/** node [ID: | $id=ID] UNAME[:TYPE] [description=TEXT] [attributes NV…] [utilization NV…] */
export interface NodeStatement extends StatementBase {
  readonly kind: "node";
  /** From `ID:` or `$id=ID`; absent means the id is the uname. */
  readonly id?: string;
  readonly uname: string;
  /** As written (normal | member | ping | remote); `normal` fails the 3.x schema later. */
  readonly type?: string;
  readonly description?: string;
  /** `attributes` (instance_attributes) and `utilization` sets, in input order. */
  readonly sets: readonly AttributeSet[];
}

/** `[CLASS:[PROVIDER:]]TYPE` or `@TEMPLATE`. */
export type AgentSpec =
  | {
      readonly kind: "agent";
      /** As written, e.g. `ocf:heartbeat:IPaddr2`, `Dummy`. */
      readonly raw: string;
      /** Absent for a bare type (crmsh: ocf, provider looked up). */
      readonly class?: string;
      /** Absent when not written (`ocf:Dummy`, `Dummy`, `stonith:fence_xvm`). */
      readonly provider?: string;
      readonly type: string;
      readonly span: Span;
    }
  | { readonly kind: "template_ref"; readonly template: string; readonly span: Span };

/** `op NAME {OPATTR=V} [INSTATTR=V…] [op_params …] [op_meta …]` */
export interface Op {
  readonly kind: "op";
  readonly name: string;
  /** Names from OP_ATTRIBUTE_NAMES (interval, timeout, role, on-fail…), in input order. */
  readonly attributes: readonly NameValue[];
  /** The interval as written (`10s`, `10`, `0`), if given; crmsh appends `interval="0"`. */
  readonly interval?: string;
  /**
   * Nested sets, in input order: first the implicit instance attributes (other names such as
   * `OCF_CHECK_LEVEL=10`; keyword "op_params", implicit: true), then each op_params/op_meta.
   */
  readonly sets: readonly AttributeSet[];
  readonly span: Span;
}

/** `operations $id=ID` or `operations $id-ref=ID`. */
export interface OperationsSpec {
  readonly id?: string;
  readonly idRef?: string;
  readonly span: Span;
}

interface ResourceBody {
  readonly id: string;
  readonly agent: AgentSpec;
  readonly description?: string;
  /** params/meta/utilization sets in input order (the implicit params set included). */
  readonly sets: readonly AttributeSet[];
  readonly operations?: OperationsSpec;
  readonly ops: readonly Op[];
}

/** primitive ID AGENT|@TEMPLATE [description=] [params…] [meta…] [utilization…] {op…} */
export interface PrimitiveStatement extends StatementBase, ResourceBody {
  readonly kind: "primitive";
}

/** rsc_template ID AGENT … (the agent is never a template_ref; see to-ast issues). */
export interface TemplateStatement extends StatementBase, ResourceBody {
  readonly kind: "rsc_template";
}

/** monitor RSC[:ROLE] INTERVAL[:TIMEOUT] */
export interface MonitorStatement extends StatementBase {
  readonly kind: "monitor";
  readonly resource: Reference;
  readonly role?: string;
  readonly interval: string;
  readonly timeout?: string;
}

/** group ID RSC {RSC} [description=TEXT] [params…] [meta…] */
export interface GroupStatement extends StatementBase {
  readonly kind: "group";
  readonly id: string;
  readonly children: readonly Reference[];
  readonly description?: string;
  readonly sets: readonly AttributeSet[];
}

/** clone ID RSC [description=TEXT] [params…] [meta…] (promotable: meta promotable=true) */
export interface CloneStatement extends StatementBase {
  readonly kind: "clone";
  readonly id: string;
  readonly child: Reference;
  readonly description?: string;
  readonly sets: readonly AttributeSet[];
}

/** ms|master ID RSC [description=TEXT] [params…] [meta…] → `<master>` */
export interface MasterStatement extends StatementBase {
  readonly kind: "ms";
  /** The head word as canonical keyword: "ms" or "master". */
  readonly keyword: "ms" | "master";
  readonly id: string;
  readonly child: Reference;
  readonly description?: string;
  readonly sets: readonly AttributeSet[];
}

export type BundleContainerKind = "docker" | "rkt" | "podman";

/** bundle ID [description=] CONTAINER OPT=V… [network…] [storage…] [meta…] [primitive RSC] */
export interface BundleStatement extends StatementBase {
  readonly kind: "bundle";
  readonly id: string;
  readonly description?: string;
  readonly container?: {
    readonly kind: BundleContainerKind;
    readonly options: readonly NameValue[];
    readonly span: Span;
  };
  readonly network?: {
    readonly options: readonly NameValue[];
    /** Each `port-mapping OPT=V…`; its generated id is `<bundle>-N` (one counter). */
    readonly portMappings: readonly (readonly NameValue[])[];
    readonly span: Span;
  };
  readonly storage?: {
    readonly storageMappings: readonly (readonly NameValue[])[];
    readonly span: Span;
  };
  readonly sets: readonly AttributeSet[];
  readonly primitive?: Reference;
}

// ---------------------------------------------------------------------------------------
// Constraints

/**
 * A resource set (§1.6.12). `sequential`/`requireAll` are the effective values after the
 * bracket defaults and in-bracket overrides; only `false` is written to XML.
 */
export interface ResourceSet {
  readonly kind: "resource_set";
  /** `none` for members outside any bracket, `parentheses` for ( ), `brackets` for [ ], `braces` for location { }. */
  readonly bracket: "none" | "parentheses" | "brackets" | "braces";
  readonly sequential: boolean;
  readonly requireAll: boolean;
  /** Canonical role (colocation, location, rsc_ticket) shared by the set's members. */
  readonly role?: string;
  /** Action (order) shared by the set's members. */
  readonly action?: string;
  readonly members: readonly Reference[];
  readonly span: Span;
}

/** `RSC[:ROLE]` in colocation/rsc_ticket; `RSC:N` (digits) gives an instance. */
export interface RoleMember {
  readonly resource: Reference;
  /** Canonical role (`Started Stopped Promoted Unpromoted Master Slave`). */
  readonly role?: string;
  readonly instance?: string;
}

/** `RSC[:ACTION]` in order; `RSC:N` (digits) gives an instance. */
export interface ActionMember {
  readonly resource: Reference;
  /** start | stop | promote | demote (lower case). */
  readonly action?: string;
  readonly instance?: string;
}

export type LocationResource =
  | { readonly kind: "resource"; readonly resource: Reference }
  | { readonly kind: "pattern"; readonly pattern: string; readonly span: Span }
  | { readonly kind: "resource_sets"; readonly sets: readonly ResourceSet[]; readonly span: Span };

/** location ID RSCSPEC {ATTR=V} (SCORE: NODE [role=ROLE] | rule…{rule…}) */
export interface LocationStatement extends StatementBase {
  readonly kind: "location";
  readonly id: string;
  readonly resource: LocationResource;
  /** `role=`, `resource-discovery=`, any other `x=y`, copied verbatim in input order. */
  readonly attributes: readonly NameValue[];
  readonly score?: Score;
  readonly node?: string;
  readonly rules: readonly Rule[];
}

/** colocation|collocation ID SCORE: RSC[:ROLE] RSC[:ROLE] | sets [node-attribute=NAME] */
export interface ColocationStatement extends StatementBase {
  readonly kind: "colocation";
  readonly id: string;
  readonly score: Score;
  readonly resources:
    | { readonly form: "pair"; readonly resource: RoleMember; readonly withResource: RoleMember }
    | { readonly form: "sets"; readonly sets: readonly ResourceSet[] };
  readonly nodeAttribute?: string;
}

export type OrderKind = "Mandatory" | "Optional" | "Serialize";

/** order ID [KIND: | SCORE:] RSC[:ACTION] RSC[:ACTION] | sets [symmetrical=BOOL] */
export interface OrderStatement extends StatementBase {
  readonly kind: "order";
  readonly id: string;
  /** Canonical kind (from a kind word, or from a score: 0 → Optional, any other → Mandatory). */
  readonly orderKind?: OrderKind;
  /** The kind or score as written, without the colon. */
  readonly orderKindRaw?: string;
  /** Present when the kind was written as a score (`inf:`, `0:`, `100:`). */
  readonly score?: Score;
  readonly resources:
    | { readonly form: "pair"; readonly first: ActionMember; readonly then: ActionMember }
    | { readonly form: "sets"; readonly sets: readonly ResourceSet[] };
  /** Canonicalised from true|false|yes|no|on|off. */
  readonly symmetrical?: boolean;
}

/** rsc_ticket ID TICKET: RSC[:ROLE] {RSC[:ROLE]} [loss-policy=POLICY] */
export interface TicketStatement extends StatementBase {
  readonly kind: "rsc_ticket";
  readonly id: string;
  readonly ticket: string;
  readonly resources:
    | { readonly form: "single"; readonly resource: RoleMember }
    | { readonly form: "sets"; readonly sets: readonly ResourceSet[] };
  readonly lossPolicy?: string;
}

// ---------------------------------------------------------------------------------------
// Properties and defaults

/** property|rsc_defaults|op_defaults [SETID: | $id=SETID | $id-ref=ID] {rule} {NAME=VALUE} */
export interface PropertySetStatement extends StatementBase {
  readonly kind: "property" | "rsc_defaults" | "op_defaults";
  /** From `SETID:` or `$id=SETID`; absent → cib-bootstrap-options / rsc-options / op-options. */
  readonly setId?: string;
  readonly setIdForm?: "colon" | "dollar";
  readonly idRef?: string;
  readonly rules: readonly Rule[];
  readonly nvpairs: readonly Nvpair[];
}

export type FencingTarget =
  | { readonly kind: "node"; readonly node: string; readonly span: Span }
  | { readonly kind: "attribute"; readonly name: string; readonly value: string; readonly span: Span }
  | { readonly kind: "pattern"; readonly pattern: string; readonly span: Span };

export interface FencingLevel {
  /** The comma-separated devices of one level (`f2,f3` → ["f2","f3"]). */
  readonly devices: readonly Reference[];
  readonly span: Span;
}

/** fencing_topology { TARGET: | attr:N=V | pattern:RE } {DEVICES} | DEVICES {DEVICES} */
export interface FencingTopologyStatement extends StatementBase {
  readonly kind: "fencing_topology";
  /**
   * Per target, its levels (index 1, 2 … in order). A single entry with `target` absent is
   * the target-less form (the same levels for every node).
   */
  readonly targets: readonly {
    readonly target?: FencingTarget;
    readonly levels: readonly FencingLevel[];
  }[];
}

/** tag ID[:] REF {REF} */
export interface TagStatement extends StatementBase {
  readonly kind: "tag";
  readonly id: string;
  readonly references: readonly Reference[];
}

// ---------------------------------------------------------------------------------------
// ACLs

/** Canonical ACL spec keywords (aliases: reference → ref, tag → type, attribute → attr). */
export type AclSpecKeyword =
  | "xpath"
  | "ref"
  | "type"
  | "attr"
  | "meta"
  | "params"
  | "utilization"
  | "location"
  | "property"
  | "nodeattr"
  | "nodeutil"
  | "node"
  | "status"
  | "cib";

export interface AclSpec {
  readonly keyword: AclSpecKeyword;
  /** As written (`reference`, `tag`, `attribute`…). */
  readonly keywordRaw: string;
  /** Everything after the first colon, unsplit (`bigdb:target-role`, an XPath). */
  readonly value?: string;
  readonly span: Span;
}

export type AclRight = "read" | "write" | "deny";

/** `(read|write|deny) [ID:] [description=] SPEC {SPEC}` → one `<acl_permission>`. */
export interface AclPermission {
  readonly kind: "acl_permission";
  readonly right: AclRight;
  readonly id?: string;
  readonly description?: string;
  readonly specs: readonly AclSpec[];
  readonly span: Span;
}

/** role ID [description=TEXT] {PERMISSION} */
export interface RoleStatement extends StatementBase {
  readonly kind: "role";
  readonly id: string;
  readonly description?: string;
  readonly permissions: readonly AclPermission[];
}

/** acl_target ID ROLE {ROLE} / acl_group ID ROLE {ROLE} */
export interface AclTargetStatement extends StatementBase {
  readonly kind: "acl_target" | "acl_group";
  readonly id: string;
  readonly roles: readonly Reference[];
}

/** user ID { role:ROLE | PERMISSION } (pre-2.0 ACL schema; `<acl_user>` with `<role_ref>`) */
export interface UserStatement extends StatementBase {
  readonly kind: "user";
  readonly id: string;
  readonly entries: readonly (
    | { readonly kind: "role_ref"; readonly role: Reference }
    | AclPermission
  )[];
}

// ---------------------------------------------------------------------------------------
// Alerts and raw XML

export type AlertSelectKind = "nodes" | "fencing" | "resources" | "attributes";

export interface AlertRecipient {
  /** The recipient value (a path, an address). */
  readonly value: string;
  readonly description?: string;
  /** `attributes` and `meta` sets of the recipient, in input order. */
  readonly sets: readonly AttributeSet[];
  /** Written inside `{ … }`. */
  readonly braces: boolean;
  readonly span: Span;
}

/** alert ID PATH [description=] [attributes…] [meta…] [select…] {to [{] RECIPIENT … [}]} */
export interface AlertStatement extends StatementBase {
  readonly kind: "alert";
  readonly id: string;
  readonly path: string;
  readonly description?: string;
  readonly sets: readonly AttributeSet[];
  readonly select?: {
    readonly items: readonly {
      readonly kind: AlertSelectKind;
      /** For `attributes { NAME… }`. */
      readonly attributeNames?: readonly string[];
    }[];
    readonly span: Span;
  };
  readonly recipients: readonly AlertRecipient[];
}

/** xml <element …>…</element>, whitespace runs collapsed to one blank as crmsh does. */
export interface XmlStatement extends StatementBase {
  readonly kind: "xml";
  readonly text: string;
}

export type Statement =
  | NodeStatement
  | PrimitiveStatement
  | MonitorStatement
  | TemplateStatement
  | GroupStatement
  | CloneStatement
  | MasterStatement
  | BundleStatement
  | LocationStatement
  | ColocationStatement
  | OrderStatement
  | TicketStatement
  | PropertySetStatement
  | FencingTopologyStatement
  | TagStatement
  | RoleStatement
  | AclTargetStatement
  | UserStatement
  | AlertStatement
  | XmlStatement;

export type StatementKind = Statement["kind"];
