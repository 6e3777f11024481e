/**
 * Constraint chapter: location, colocation, order, rsc_ticket (crmsh.md §1.6.9–§1.6.13).
 * Resource-set tokens are read flat; to-ast builds the sets and checks the brackets.
 */
import { ResourceRules } from "./resources.js";
import * as t from "../tokens.js";

export class ConstraintRules extends ResourceRules {
  /** RSC[:ROLE] | ( | ) | [ | ] | name=value, in order under the label `items` (inlined). */
  protected setToken(): void {
    this.OR9([
      { ALT: () => this.CONSUME7(t.Name, { LABEL: "items" }) },
      { ALT: () => this.CONSUME7(t.LParen, { LABEL: "items" }) },
      { ALT: () => this.CONSUME7(t.RParen, { LABEL: "items" }) },
      { ALT: () => this.CONSUME7(t.LBracket, { LABEL: "items" }) },
      { ALT: () => this.CONSUME7(t.RBracket, { LABEL: "items" }) },
      { ALT: () => this.CONSUME7(t.Assignment, { LABEL: "items" }) },
    ]);
  }

  // location ID RSCSPEC {ATTR=V} (SCORE: NODE [role=ROLE] | rule … {rule …})
  readonly location = this.RULE("location", () => {
    this.CONSUME(t.Location);
    this.CONSUME(t.Name, { LABEL: "id" });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.LBrace);
          this.MANY(() => this.setToken());
          this.CONSUME(t.RBrace);
        },
      },
      { ALT: () => this.CONSUME2(t.Name, { LABEL: "resource" }) },
    ]);
    this.MANY2(() => this.CONSUME(t.Assignment, { LABEL: "attributes" }));
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(t.Label, { LABEL: "score" });
          this.CONSUME3(t.Name, { LABEL: "node" });
          this.MANY3(() => this.CONSUME2(t.Assignment, { LABEL: "trailingAttributes" }));
        },
      },
      { ALT: () => this.AT_LEAST_ONE(() => this.SUBRULE(this.rule)) },
    ]);
  });

  // colocation ID SCORE: RSC[:ROLE] RSC[:ROLE] | sets [node-attribute=NAME]
  readonly colocation = this.RULE("colocation", () => {
    this.CONSUME(t.Colocation);
    this.CONSUME(t.Name, { LABEL: "id" });
    this.CONSUME(t.Label, { LABEL: "score" });
    this.AT_LEAST_ONE(() => this.setToken());
  });

  // order ID [KIND: | SCORE:] RSC[:ACTION] RSC[:ACTION] | sets [symmetrical=BOOL]
  readonly order = this.RULE("order", () => {
    this.CONSUME(t.Order);
    this.CONSUME(t.Name, { LABEL: "id" });
    this.OPTION(() => this.CONSUME(t.Label, { LABEL: "kind" }));
    this.AT_LEAST_ONE(() => this.setToken());
  });

  // rsc_ticket ID TICKET: RSC[:ROLE] {RSC[:ROLE]} [loss-policy=POLICY]
  readonly rscTicket = this.RULE("rscTicket", () => {
    this.CONSUME(t.RscTicket);
    this.CONSUME(t.Name, { LABEL: "id" });
    this.CONSUME(t.Label, { LABEL: "ticket" });
    this.AT_LEAST_ONE(() => this.setToken());
  });
}
