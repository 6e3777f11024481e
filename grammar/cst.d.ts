import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface AttributeListBodyCstNode extends CstNode {
  name: "attributeListBody";
  children: AttributeListBodyCstChildren;
}

export type AttributeListBodyCstChildren = {
  IdAssign?: IToken[];
  IdRefAssign?: IToken[];
  Label?: IToken[];
  rule?: RuleCstNode[];
  nvpairs?: (IToken)[];
};

export interface RuleCstNode extends CstNode {
  name: "rule";
  children: RuleCstChildren;
}

export type RuleCstChildren = {
  Kw_rule: IToken[];
  IdAssign?: IToken[];
  IdRefAssign?: IToken[];
  RoleAssign?: IToken[];
  Label?: IToken[];
  expression?: ExpressionCstNode[];
};

export interface ExpressionCstNode extends CstNode {
  name: "expression";
  children: ExpressionCstChildren;
}

export type ExpressionCstChildren = {
  simpleExpression: (SimpleExpressionCstNode)[];
  booleanOp?: (IToken)[];
};

export interface SimpleExpressionCstNode extends CstNode {
  name: "simpleExpression";
  children: SimpleExpressionCstChildren;
}

export type SimpleExpressionCstChildren = {
  unaryOperator?: (IToken)[];
  attribute?: (IToken)[];
  Kw_date?: IToken[];
  dateExpression?: DateExpressionCstNode[];
  BinaryOperator?: IToken[];
  value?: IToken[];
};

export interface DateExpressionCstNode extends CstNode {
  name: "dateExpression";
  children: DateExpressionCstChildren;
}

export type DateExpressionCstChildren = {
  dateOperator?: (IToken)[];
  value?: IToken[];
  Assignment?: IToken[];
};

export interface ImplicitPairsCstNode extends CstNode {
  name: "implicitPairs";
  children: ImplicitPairsCstChildren;
}

export type ImplicitPairsCstChildren = {
  Assignment?: IToken[];
  NvpairIdAssign?: IToken[];
};

export interface AttributeSectionCstNode extends CstNode {
  name: "attributeSection";
  children: AttributeSectionCstChildren;
}

export type AttributeSectionCstChildren = {
  keyword?: (IToken)[];
  attributeListBody: AttributeListBodyCstNode[];
};

export interface OpAttributeSectionCstNode extends CstNode {
  name: "opAttributeSection";
  children: OpAttributeSectionCstChildren;
}

export type OpAttributeSectionCstChildren = {
  keyword?: (IToken)[];
  attributeListBody: AttributeListBodyCstNode[];
};

export interface OpSectionCstNode extends CstNode {
  name: "opSection";
  children: OpSectionCstChildren;
}

export type OpSectionCstChildren = {
  Kw_op: IToken[];
  name: IToken[];
  Assignment?: IToken[];
  opAttributeSection?: OpAttributeSectionCstNode[];
};

export interface OperationsSectionCstNode extends CstNode {
  name: "operationsSection";
  children: OperationsSectionCstChildren;
}

export type OperationsSectionCstChildren = {
  Kw_operations: IToken[];
  IdAssign?: IToken[];
  IdRefAssign?: IToken[];
};

export interface ResourceTailCstNode extends CstNode {
  name: "resourceTail";
  children: ResourceTailCstChildren;
}

export type ResourceTailCstChildren = {
  implicitPairs?: ImplicitPairsCstNode[];
  attributeSection?: AttributeSectionCstNode[];
  opSection?: OpSectionCstNode[];
  operationsSection?: OperationsSectionCstNode[];
  opAttributeSection?: OpAttributeSectionCstNode[];
};

export interface NodeCstNode extends CstNode {
  name: "node";
  children: NodeCstChildren;
}

export type NodeCstChildren = {
  Kw_node: IToken[];
  nodeId?: IToken[];
  IdAssign?: IToken[];
  uname: IToken[];
  resourceTail: ResourceTailCstNode[];
};

export interface PrimitiveCstNode extends CstNode {
  name: "primitive";
  children: PrimitiveCstChildren;
}

export type PrimitiveCstChildren = {
  Kw_primitive: IToken[];
  id: IToken[];
  template?: IToken[];
  agent?: IToken[];
  resourceTail: ResourceTailCstNode[];
};

export interface RscTemplateCstNode extends CstNode {
  name: "rscTemplate";
  children: RscTemplateCstChildren;
}

export type RscTemplateCstChildren = {
  Kw_rsc_template: IToken[];
  id: IToken[];
  agent: IToken[];
  resourceTail: ResourceTailCstNode[];
};

export interface MonitorCstNode extends CstNode {
  name: "monitor";
  children: MonitorCstChildren;
}

export type MonitorCstChildren = {
  Kw_monitor: IToken[];
  resource: IToken[];
  interval?: (IToken)[];
};

export interface GroupCstNode extends CstNode {
  name: "group";
  children: GroupCstChildren;
}

export type GroupCstChildren = {
  Kw_group: IToken[];
  id: IToken[];
  children?: IToken[];
  resourceTail: ResourceTailCstNode[];
};

export interface CloneCstNode extends CstNode {
  name: "clone";
  children: CloneCstChildren;
}

export type CloneCstChildren = {
  keyword?: (IToken)[];
  id: IToken[];
  child: IToken[];
  resourceTail: ResourceTailCstNode[];
};

export interface BundleCstNode extends CstNode {
  name: "bundle";
  children: BundleCstChildren;
}

export type BundleCstChildren = {
  Kw_bundle: IToken[];
  id: IToken[];
  implicitPairs?: ImplicitPairsCstNode[];
  bundleSection?: BundleSectionCstNode[];
  attributeSection?: AttributeSectionCstNode[];
  bundlePrimitive?: BundlePrimitiveCstNode[];
};

export interface BundlePrimitiveCstNode extends CstNode {
  name: "bundlePrimitive";
  children: BundlePrimitiveCstChildren;
}

export type BundlePrimitiveCstChildren = {
  Kw_primitive: IToken[];
  resource: IToken[];
};

export interface BundleSectionCstNode extends CstNode {
  name: "bundleSection";
  children: BundleSectionCstChildren;
}

export type BundleSectionCstChildren = {
  keyword?: (IToken)[];
  Assignment?: IToken[];
};

export interface LocationCstNode extends CstNode {
  name: "location";
  children: LocationCstChildren;
}

export type LocationCstChildren = {
  Kw_location: IToken[];
  id: IToken[];
  LBrace?: IToken[];
  items?: (IToken)[];
  RBrace?: IToken[];
  resource?: IToken[];
  attributes?: IToken[];
  score?: IToken[];
  node?: IToken[];
  trailingAttributes?: IToken[];
  rule?: RuleCstNode[];
};

export interface ColocationCstNode extends CstNode {
  name: "colocation";
  children: ColocationCstChildren;
}

export type ColocationCstChildren = {
  Kw_colocation: IToken[];
  id: IToken[];
  score: IToken[];
  items?: (IToken)[];
};

export interface OrderCstNode extends CstNode {
  name: "order";
  children: OrderCstChildren;
}

export type OrderCstChildren = {
  Kw_order: IToken[];
  id: IToken[];
  kind?: IToken[];
  items?: (IToken)[];
};

export interface RscTicketCstNode extends CstNode {
  name: "rscTicket";
  children: RscTicketCstChildren;
}

export type RscTicketCstChildren = {
  Kw_rsc_ticket: IToken[];
  id: IToken[];
  ticket: IToken[];
  items?: (IToken)[];
};

export interface PropertySetCstNode extends CstNode {
  name: "propertySet";
  children: PropertySetCstChildren;
}

export type PropertySetCstChildren = {
  keyword?: (IToken)[];
  setId?: IToken[];
  IdAssign?: IToken[];
  IdRefAssign?: IToken[];
  rule?: RuleCstNode[];
  nvpairs?: (IToken)[];
};

export interface FencingTopologyCstNode extends CstNode {
  name: "fencingTopology";
  children: FencingTopologyCstChildren;
}

export type FencingTopologyCstChildren = {
  Kw_fencing_topology: IToken[];
  items?: (IToken)[];
};

export interface TagCstNode extends CstNode {
  name: "tag";
  children: TagCstChildren;
}

export type TagCstChildren = {
  Kw_tag: IToken[];
  id?: (IToken)[];
  references?: IToken[];
};

export interface PermissionCstNode extends CstNode {
  name: "permission";
  children: PermissionCstChildren;
}

export type PermissionCstChildren = {
  right?: (IToken)[];
  specs?: (IToken)[];
};

export interface RoleCstNode extends CstNode {
  name: "role";
  children: RoleCstChildren;
}

export type RoleCstChildren = {
  Kw_role: IToken[];
  id: IToken[];
  attributes?: IToken[];
  permission?: PermissionCstNode[];
};

export interface AclTargetCstNode extends CstNode {
  name: "aclTarget";
  children: AclTargetCstChildren;
}

export type AclTargetCstChildren = {
  keyword?: (IToken)[];
  id: IToken[];
  roles?: IToken[];
};

export interface UserCstNode extends CstNode {
  name: "user";
  children: UserCstChildren;
}

export type UserCstChildren = {
  Kw_user: IToken[];
  id: IToken[];
  items?: (IToken)[];
};

export interface AlertCstNode extends CstNode {
  name: "alert";
  children: AlertCstChildren;
}

export type AlertCstChildren = {
  Kw_alert: IToken[];
  id: IToken[];
  path: IToken[];
  implicitPairs?: ImplicitPairsCstNode[];
  attributeSection?: AttributeSectionCstNode[];
  alertSelect?: AlertSelectCstNode[];
  alertRecipient?: AlertRecipientCstNode[];
};

export interface AlertSelectCstNode extends CstNode {
  name: "alertSelect";
  children: AlertSelectCstChildren;
}

export type AlertSelectCstChildren = {
  Kw_select: IToken[];
  items?: (IToken)[];
};

export interface AlertRecipientCstNode extends CstNode {
  name: "alertRecipient";
  children: AlertRecipientCstChildren;
}

export type AlertRecipientCstChildren = {
  Kw_to: IToken[];
  LBrace?: IToken[];
  recipient: IToken[];
  implicitPairs?: ImplicitPairsCstNode[];
  attributeSection?: AttributeSectionCstNode[];
  RBrace?: IToken[];
};

export interface StatementCstNode extends CstNode {
  name: "statement";
  children: StatementCstChildren;
}

export type StatementCstChildren = {
  node?: NodeCstNode[];
  primitive?: PrimitiveCstNode[];
  rscTemplate?: RscTemplateCstNode[];
  monitor?: MonitorCstNode[];
  group?: GroupCstNode[];
  clone?: CloneCstNode[];
  bundle?: BundleCstNode[];
  location?: LocationCstNode[];
  colocation?: ColocationCstNode[];
  order?: OrderCstNode[];
  rscTicket?: RscTicketCstNode[];
  propertySet?: PropertySetCstNode[];
  fencingTopology?: FencingTopologyCstNode[];
  tag?: TagCstNode[];
  role?: RoleCstNode[];
  aclTarget?: AclTargetCstNode[];
  user?: UserCstNode[];
  alert?: AlertCstNode[];
};

export interface ICstNodeVisitor<IN, OUT> extends ICstVisitor<IN, OUT> {
  attributeListBody(children: AttributeListBodyCstChildren, param?: IN): OUT;
  rule(children: RuleCstChildren, param?: IN): OUT;
  expression(children: ExpressionCstChildren, param?: IN): OUT;
  simpleExpression(children: SimpleExpressionCstChildren, param?: IN): OUT;
  dateExpression(children: DateExpressionCstChildren, param?: IN): OUT;
  implicitPairs(children: ImplicitPairsCstChildren, param?: IN): OUT;
  attributeSection(children: AttributeSectionCstChildren, param?: IN): OUT;
  opAttributeSection(children: OpAttributeSectionCstChildren, param?: IN): OUT;
  opSection(children: OpSectionCstChildren, param?: IN): OUT;
  operationsSection(children: OperationsSectionCstChildren, param?: IN): OUT;
  resourceTail(children: ResourceTailCstChildren, param?: IN): OUT;
  node(children: NodeCstChildren, param?: IN): OUT;
  primitive(children: PrimitiveCstChildren, param?: IN): OUT;
  rscTemplate(children: RscTemplateCstChildren, param?: IN): OUT;
  monitor(children: MonitorCstChildren, param?: IN): OUT;
  group(children: GroupCstChildren, param?: IN): OUT;
  clone(children: CloneCstChildren, param?: IN): OUT;
  bundle(children: BundleCstChildren, param?: IN): OUT;
  bundlePrimitive(children: BundlePrimitiveCstChildren, param?: IN): OUT;
  bundleSection(children: BundleSectionCstChildren, param?: IN): OUT;
  location(children: LocationCstChildren, param?: IN): OUT;
  colocation(children: ColocationCstChildren, param?: IN): OUT;
  order(children: OrderCstChildren, param?: IN): OUT;
  rscTicket(children: RscTicketCstChildren, param?: IN): OUT;
  propertySet(children: PropertySetCstChildren, param?: IN): OUT;
  fencingTopology(children: FencingTopologyCstChildren, param?: IN): OUT;
  tag(children: TagCstChildren, param?: IN): OUT;
  permission(children: PermissionCstChildren, param?: IN): OUT;
  role(children: RoleCstChildren, param?: IN): OUT;
  aclTarget(children: AclTargetCstChildren, param?: IN): OUT;
  user(children: UserCstChildren, param?: IN): OUT;
  alert(children: AlertCstChildren, param?: IN): OUT;
  alertSelect(children: AlertSelectCstChildren, param?: IN): OUT;
  alertRecipient(children: AlertRecipientCstChildren, param?: IN): OUT;
  statement(children: StatementCstChildren, param?: IN): OUT;
}
