/**
 * Rules shared by every chapter: attribute lists, nvpairs, rules and expressions
 * (crmsh.md §1.3, §1.4). The grammar is a superset; to-ast narrows it with precise issues.
 */
import { CstParser, type IParserConfig, type IToken } from "chevrotain";
import { dateSpecKeys } from "../keywords.js";
import { errorMessages } from "./messages.js";
import * as t from "../tokens.js";

const dateFieldNames: ReadonlySet<string> = new Set([...dateSpecKeys, "start", "end"]);

function isDateField(token: IToken): boolean {
  const value = (token.payload as { value?: string } | undefined)?.value ?? "";
  return dateFieldNames.has(value.slice(0, value.indexOf("=")));
}

export const parserConfig: IParserConfig = {
  recoveryEnabled: true,
  maxLookahead: 2,
  errorMessageProvider: errorMessages,
};

export interface ParserOptions {
  /** Run Chevrotain's grammar validations (ambiguities, left recursion): tests do; the one
   * production instance skips them, as Chevrotain advises, to start faster. */
  readonly validate?: boolean;
}

export class CommonRules extends CstParser {
  constructor(options: ParserOptions = {}) {
    super([...t.allTokens], { ...parserConfig, skipValidations: options.validate !== true });
  }

  // attr_list := [$id=ID | $id-ref=ID] [SCORE:] {rule} {nvpair}   (after the keyword)
  readonly attributeListBody = this.RULE("attributeListBody", () => {
    this.OPTION(() =>
      this.OR([
        { ALT: () => this.CONSUME(t.IdAssign) },
        { ALT: () => this.CONSUME(t.IdRefAssign) },
      ]),
    );
    this.OPTION2(() => this.CONSUME(t.Label));
    this.MANY(() => this.SUBRULE(this.rule));
    // nvpair := NAME=VALUE | NAME | NAME= | $ID:NAME=VALUE | @ID[:NAME]  (inlined: speed)
    this.MANY2(() =>
      this.OR2([
        { ALT: () => this.CONSUME(t.Assignment, { LABEL: "nvpairs" }) },
        { ALT: () => this.CONSUME(t.NvpairIdAssign, { LABEL: "nvpairs" }) },
        { ALT: () => this.CONSUME(t.AtRef, { LABEL: "nvpairs" }) },
        { ALT: () => this.CONSUME(t.PlainName, { LABEL: "nvpairs" }) },
      ]),
    );
  });

  // rule := rule [$id=ID | $id-ref=ID] [$role=ROLE] [SCORE:] expression
  readonly rule = this.RULE("rule", () => {
    this.CONSUME(t.Rule);
    this.OPTION(() =>
      this.OR([
        { ALT: () => this.CONSUME(t.IdAssign) },
        { ALT: () => this.CONSUME(t.IdRefAssign) },
      ]),
    );
    this.OPTION2(() => this.CONSUME(t.RoleAssign));
    this.OPTION3(() => this.CONSUME(t.Label));
    this.OPTION4(() => this.SUBRULE(this.expression));
  });

  // expression := simple {and|or simple}
  readonly expression = this.RULE("expression", () => {
    this.SUBRULE(this.simpleExpression);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(t.And, { LABEL: "booleanOp" }) },
        { ALT: () => this.CONSUME(t.Or, { LABEL: "booleanOp" }) },
      ]);
      this.SUBRULE2(this.simpleExpression);
    });
  });

  // simple := (defined|not_defined) ATTR | date DATE_EXPR | ATTR [TYPE:]OP VALUE
  readonly simpleExpression = this.RULE("simpleExpression", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          ALT: () => {
            this.OR2([
              { ALT: () => this.CONSUME(t.Defined, { LABEL: "unaryOperator" }) },
              { ALT: () => this.CONSUME(t.NotDefined, { LABEL: "unaryOperator" }) },
            ]);
            this.CONSUME(t.Name, { LABEL: "attribute" });
          },
        },
        {
          ALT: () => {
            this.CONSUME(t.DateWord);
            this.SUBRULE(this.dateExpression);
          },
        },
        {
          ALT: () => {
            this.CONSUME2(t.Name, { LABEL: "attribute" });
            this.CONSUME(t.BinaryOperator);
            this.CONSUME3(t.Name, { LABEL: "value" });
          },
        },
      ],
    });
  });

  // date_expr := lt END | gt START | (in_range|in) KEY=V… | (date_spec|spec) KEY=V…
  readonly dateExpression = this.RULE("dateExpression", () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([
            { ALT: () => this.CONSUME(t.Lt, { LABEL: "dateOperator" }) },
            { ALT: () => this.CONSUME(t.Gt, { LABEL: "dateOperator" }) },
          ]);
          this.CONSUME(t.Name, { LABEL: "value" });
        },
      },
      {
        ALT: () => {
          this.OR3([
            { ALT: () => this.CONSUME(t.InRange, { LABEL: "dateOperator" }) },
            { ALT: () => this.CONSUME(t.In, { LABEL: "dateOperator" }) },
            { ALT: () => this.CONSUME(t.DateSpec, { LABEL: "dateOperator" }) },
            { ALT: () => this.CONSUME(t.Spec, { LABEL: "dateOperator" }) },
          ]);
          // Only date keys (and start=/end=) belong to the date; other pairs are nvpairs.
          this.MANY({
            GATE: () => isDateField(this.LA(1)),
            DEF: () => this.CONSUME(t.Assignment),
          });
        },
      },
    ]);
  });

  // Leading name=value pairs after a header: description=, implicit params/attributes.
  readonly implicitPairs = this.RULE("implicitPairs", () => {
    this.AT_LEAST_ONE(() =>
      this.OR([
        { ALT: () => this.CONSUME(t.Assignment) },
        { ALT: () => this.CONSUME(t.NvpairIdAssign) },
      ]),
    );
  });
}
