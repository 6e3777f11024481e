/**
 * The crm configure parser: one statement per logical line. One instance for the process.
 */
import type { CstNode, IRecognitionException, IToken } from "chevrotain";
import type { ParserOptions } from "./common.js";
import { PropertyRules } from "./properties.js";

export class CrmParser extends PropertyRules {
  readonly statement = this.RULE("statement", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.node) },
      { ALT: () => this.SUBRULE(this.primitive) },
      { ALT: () => this.SUBRULE(this.rscTemplate) },
      { ALT: () => this.SUBRULE(this.monitor) },
      { ALT: () => this.SUBRULE(this.group) },
      { ALT: () => this.SUBRULE(this.clone) },
      { ALT: () => this.SUBRULE(this.bundle) },
      { ALT: () => this.SUBRULE(this.location) },
      { ALT: () => this.SUBRULE(this.colocation) },
      { ALT: () => this.SUBRULE(this.order) },
      { ALT: () => this.SUBRULE(this.rscTicket) },
      { ALT: () => this.SUBRULE(this.propertySet) },
      { ALT: () => this.SUBRULE(this.fencingTopology) },
      { ALT: () => this.SUBRULE(this.tag) },
      { ALT: () => this.SUBRULE(this.role) },
      { ALT: () => this.SUBRULE(this.aclTarget) },
      { ALT: () => this.SUBRULE(this.user) },
      { ALT: () => this.SUBRULE(this.alert) },
    ]);
  });

  constructor(options: ParserOptions = {}) {
    super(options);
    this.performSelfAnalysis();
  }
}

let instance: CrmParser | undefined;

/** The one parser instance (built on first use: self-analysis costs a few milliseconds). */
export function crmParser(): CrmParser {
  instance ??= new CrmParser();
  return instance;
}

export interface StatementParse {
  readonly cst: CstNode;
  readonly errors: readonly IRecognitionException[];
}

/** Parses one classified logical line into a CST (recovery on; never throws on input). */
export function parseStatementTokens(tokens: IToken[]): StatementParse {
  const parser = crmParser();
  parser.input = tokens;
  const cst = parser.statement();
  return { cst, errors: parser.errors };
}

