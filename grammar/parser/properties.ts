/**
 * Properties, fencing, tags, ACLs and alerts (crmsh.md §1.6.14–§1.6.18).
 */
import { ConstraintRules } from "./constraints.js";
import * as t from "../tokens.js";

export class PropertyRules extends ConstraintRules {
  /** Any word, score-like label or name=value, in order under the label `items` (inlined). */
  private looseToken(): void {
    this.OR9([
      { ALT: () => this.CONSUME7(t.Name, { LABEL: "items" }) },
      { ALT: () => this.CONSUME7(t.Label, { LABEL: "items" }) },
      { ALT: () => this.CONSUME7(t.Assignment, { LABEL: "items" }) },
    ]);
  }

  // (property|rsc_defaults|op_defaults) [SETID: | $id=SETID | $id-ref=ID] {rule} {nvpair}
  readonly propertySet = this.RULE("propertySet", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Property, { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(t.RscDefaults, { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(t.OpDefaults, { LABEL: "keyword" }) },
    ]);
    this.OPTION(() =>
      this.OR2([
        { ALT: () => this.CONSUME(t.Label, { LABEL: "setId" }) },
        { ALT: () => this.CONSUME(t.IdAssign) },
        { ALT: () => this.CONSUME(t.IdRefAssign) },
      ]),
    );
    this.MANY(() => this.SUBRULE(this.rule));
    this.MANY2(() =>
      this.OR3([
        { ALT: () => this.CONSUME(t.Assignment, { LABEL: "nvpairs" }) },
        { ALT: () => this.CONSUME(t.NvpairIdAssign, { LABEL: "nvpairs" }) },
        { ALT: () => this.CONSUME(t.AtRef, { LABEL: "nvpairs" }) },
        { ALT: () => this.CONSUME(t.PlainName, { LABEL: "nvpairs" }) },
      ]),
    );
  });

  // fencing_topology {TARGET: | attr:N=V | pattern:RE} {DEV{,DEV}} …
  readonly fencingTopology = this.RULE("fencingTopology", () => {
    this.CONSUME(t.FencingTopology);
    this.MANY(() => this.looseToken());
  });

  // tag ID[:] REF {REF}
  readonly tag = this.RULE("tag", () => {
    this.CONSUME(t.Tag);
    this.OR([
      { ALT: () => this.CONSUME(t.Label, { LABEL: "id" }) },
      { ALT: () => this.CONSUME(t.Name, { LABEL: "id" }) },
    ]);
    this.MANY(() => this.CONSUME2(t.Name, { LABEL: "references" }));
  });

  // (read|write|deny) [ID:] [description=] SPEC {SPEC}
  readonly permission = this.RULE("permission", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Read, { LABEL: "right" }) },
      { ALT: () => this.CONSUME(t.Write, { LABEL: "right" }) },
      { ALT: () => this.CONSUME(t.Deny, { LABEL: "right" }) },
    ]);
    this.MANY(() =>
      this.OR2([
        { ALT: () => this.CONSUME(t.Label, { LABEL: "specs" }) },
        { ALT: () => this.CONSUME(t.Assignment, { LABEL: "specs" }) },
        { ALT: () => this.CONSUME(t.Word, { LABEL: "specs" }) },
        { ALT: () => this.CONSUME(t.Node, { LABEL: "specs" }) },
        { ALT: () => this.CONSUME(t.Property, { LABEL: "specs" }) },
        { ALT: () => this.CONSUME(t.Meta, { LABEL: "specs" }) },
        { ALT: () => this.CONSUME(t.Params, { LABEL: "specs" }) },
        { ALT: () => this.CONSUME(t.Utilization, { LABEL: "specs" }) },
        { ALT: () => this.CONSUME(t.Location, { LABEL: "specs" }) },
      ]),
    );
  });

  // role ID [description=TEXT] {permission}
  readonly role = this.RULE("role", () => {
    this.CONSUME(t.Role);
    this.CONSUME(t.Name, { LABEL: "id" });
    this.MANY(() => this.CONSUME(t.Assignment, { LABEL: "attributes" }));
    this.MANY2(() => this.SUBRULE(this.permission));
  });

  // acl_target ID ROLE {ROLE} | acl_group ID ROLE {ROLE}
  readonly aclTarget = this.RULE("aclTarget", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.AclTarget, { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(t.AclGroup, { LABEL: "keyword" }) },
    ]);
    this.CONSUME(t.Name, { LABEL: "id" });
    this.MANY(() => this.CONSUME2(t.Name, { LABEL: "roles" }));
  });

  // user ID {role:ROLE | permission}
  readonly user = this.RULE("user", () => {
    this.CONSUME(t.User);
    this.CONSUME(t.Name, { LABEL: "id" });
    this.MANY(() => this.looseToken());
  });

  // alert ID PATH [description=] [attributes …] [meta …] [select …] {to …}
  readonly alert = this.RULE("alert", () => {
    this.CONSUME(t.Alert);
    this.CONSUME(t.Name, { LABEL: "id" });
    this.CONSUME2(t.Name, { LABEL: "path" });
    this.OPTION(() => this.SUBRULE(this.implicitPairs));
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.attributeSection) },
        { ALT: () => this.SUBRULE(this.alertSelect) },
        { ALT: () => this.SUBRULE(this.alertRecipient) },
      ]),
    );
  });

  // select {nodes | fencing | resources | attributes ['{' NAME… '}']}
  readonly alertSelect = this.RULE("alertSelect", () => {
    this.CONSUME(t.Select);
    this.MANY(() =>
      this.OR([
        { ALT: () => this.CONSUME(t.PlainName, { LABEL: "items" }) },
        { ALT: () => this.CONSUME(t.Attributes, { LABEL: "items" }) },
        { ALT: () => this.CONSUME(t.LBrace, { LABEL: "items" }) },
        { ALT: () => this.CONSUME(t.RBrace, { LABEL: "items" }) },
      ]),
    );
  });

  // to [{] RECIPIENT [description=] [attributes …] [meta …] [}]
  readonly alertRecipient = this.RULE("alertRecipient", () => {
    this.CONSUME(t.To);
    this.OPTION(() => this.CONSUME(t.LBrace));
    this.CONSUME(t.Name, { LABEL: "recipient" });
    this.OPTION2(() => this.SUBRULE(this.implicitPairs));
    this.MANY(() => this.SUBRULE(this.attributeSection));
    this.OPTION3(() => this.CONSUME(t.RBrace));
  });
}
