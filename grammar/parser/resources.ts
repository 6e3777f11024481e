/**
 * Resource chapter: node, primitive, rsc_template, monitor, group, clone, ms, bundle
 * (crmsh.md §1.6.1–§1.6.8).
 */
import { CommonRules } from "./common.js";
import * as t from "../tokens.js";

export class ResourceRules extends CommonRules {
  // (params|meta|utilization|attributes) attr_list
  readonly attributeSection = this.RULE("attributeSection", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Params, { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(t.Meta, { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(t.Utilization, { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(t.Attributes, { LABEL: "keyword" }) },
    ]);
    this.SUBRULE(this.attributeListBody);
  });

  // (op_params|op_meta) attr_list
  readonly opAttributeSection = this.RULE("opAttributeSection", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.OpParams, { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(t.OpMeta, { LABEL: "keyword" }) },
    ]);
    this.SUBRULE(this.attributeListBody);
  });

  // op NAME {ATTR=V} [INSTATTR=V…] {op_params …|op_meta …}
  readonly opSection = this.RULE("opSection", () => {
    this.CONSUME(t.Op);
    this.CONSUME(t.Name, { LABEL: "name" });
    this.MANY(() => this.CONSUME(t.Assignment));
    this.MANY2(() => this.SUBRULE(this.opAttributeSection));
  });

  // operations ($id=ID | $id-ref=ID)
  readonly operationsSection = this.RULE("operationsSection", () => {
    this.CONSUME(t.Operations);
    this.OR([
      { ALT: () => this.CONSUME(t.IdAssign) },
      { ALT: () => this.CONSUME(t.IdRefAssign) },
    ]);
  });

  // [description=TEXT] [implicit a=b …] {section}
  readonly resourceTail = this.RULE("resourceTail", () => {
    this.OPTION(() => this.SUBRULE(this.implicitPairs));
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.attributeSection) },
        { ALT: () => this.SUBRULE(this.opSection) },
        { ALT: () => this.SUBRULE(this.operationsSection) },
        { ALT: () => this.SUBRULE(this.opAttributeSection) },
      ]),
    );
  });

  // node [ID: | $id=ID] UNAME[:TYPE] [description=] [attributes …] [utilization …]
  readonly node = this.RULE("node", () => {
    this.CONSUME(t.Node);
    this.OPTION(() =>
      this.OR([
        { ALT: () => this.CONSUME(t.Label, { LABEL: "nodeId" }) },
        { ALT: () => this.CONSUME(t.IdAssign) },
      ]),
    );
    this.CONSUME(t.Name, { LABEL: "uname" });
    this.SUBRULE(this.resourceTail);
  });

  // primitive ID ([CLASS:[PROVIDER:]]TYPE | @TEMPLATE) …
  readonly primitive = this.RULE("primitive", () => {
    this.CONSUME(t.Primitive);
    this.CONSUME(t.Name, { LABEL: "id" });
    this.OR([
      { ALT: () => this.CONSUME(t.AtRef, { LABEL: "template" }) },
      { ALT: () => this.CONSUME2(t.Name, { LABEL: "agent" }) },
    ]);
    this.SUBRULE(this.resourceTail);
  });

  // rsc_template ID [CLASS:[PROVIDER:]]TYPE …
  readonly rscTemplate = this.RULE("rscTemplate", () => {
    this.CONSUME(t.RscTemplate);
    this.CONSUME(t.Name, { LABEL: "id" });
    this.CONSUME2(t.Name, { LABEL: "agent" });
    this.SUBRULE(this.resourceTail);
  });

  // monitor RSC[:ROLE] INTERVAL[:TIMEOUT]
  readonly monitor = this.RULE("monitor", () => {
    this.CONSUME(t.Monitor);
    this.CONSUME(t.Name, { LABEL: "resource" });
    this.OR([
      { ALT: () => this.CONSUME2(t.Name, { LABEL: "interval" }) },
      { ALT: () => this.CONSUME(t.Label, { LABEL: "interval" }) },
    ]);
  });

  // group ID RSC {RSC} [description=] [params …] [meta …]
  readonly group = this.RULE("group", () => {
    this.CONSUME(t.Group);
    this.CONSUME(t.Name, { LABEL: "id" });
    this.MANY(() => this.CONSUME(t.PlainName, { LABEL: "children" }));
    this.SUBRULE(this.resourceTail);
  });

  // clone ID RSC … | ms ID RSC …
  readonly clone = this.RULE("clone", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Clone, { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(t.Ms, { LABEL: "keyword" }) },
    ]);
    this.CONSUME(t.Name, { LABEL: "id" });
    this.CONSUME2(t.Name, { LABEL: "child" });
    this.SUBRULE(this.resourceTail);
  });

  // bundle ID [description=] CONTAINER OPT=V… [network …] [storage …] [meta …] [primitive RSC]
  readonly bundle = this.RULE("bundle", () => {
    this.CONSUME(t.Bundle);
    this.CONSUME(t.Name, { LABEL: "id" });
    this.OPTION(() => this.SUBRULE(this.implicitPairs));
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.bundleSection) },
        { ALT: () => this.SUBRULE(this.attributeSection) },
        { ALT: () => this.SUBRULE(this.bundlePrimitive) },
      ]),
    );
  });

  // primitive RSC (inside a bundle)
  readonly bundlePrimitive = this.RULE("bundlePrimitive", () => {
    this.CONSUME(t.Primitive);
    this.CONSUME(t.Name, { LABEL: "resource" });
  });

  readonly bundleSection = this.RULE("bundleSection", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Docker, { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(t.Rkt, { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(t.Podman, { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(t.Network, { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(t.PortMapping, { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(t.Storage, { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(t.StorageMapping, { LABEL: "keyword" }) },
    ]);
    this.MANY(() => this.CONSUME(t.Assignment));
  });
}
