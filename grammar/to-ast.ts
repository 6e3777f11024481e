/**
 * CST → AST: dispatches a parsed statement to its chapter of the visitor.
 */
import type { Statement, StatementBase } from "./ast.js";
import type { StatementCstNode } from "./cst.js";
import { toAclTarget, toAlert, toRole, toUser } from "./to-ast/acl-alert.js";
import { toBundle } from "./to-ast/bundle.js";
import { toColocation, toLocation, toOrder, toTicket } from "./to-ast/constraints.js";
import type { AstContext } from "./to-ast/context.js";
import { toFencingTopology, toPropertySet, toTag } from "./to-ast/properties.js";
import {
  toClone,
  toGroup,
  toMonitor,
  toNode,
  toPrimitive,
  toTemplate,
} from "./to-ast/resources.js";

type Children = StatementCstNode["children"];
type Converter = (context: AstContext, children: Children, base: StatementBase) =>
  Statement | undefined;

const converters: readonly Converter[] = [
  (context, c, base) => c.node?.[0] && toNode(context, c.node[0], base),
  (context, c, base) => c.primitive?.[0] && toPrimitive(context, c.primitive[0], base),
  (context, c, base) => c.rscTemplate?.[0] && toTemplate(context, c.rscTemplate[0], base),
  (context, c, base) => c.monitor?.[0] && toMonitor(context, c.monitor[0], base),
  (context, c, base) => c.group?.[0] && toGroup(context, c.group[0], base),
  (context, c, base) => c.clone?.[0] && toClone(context, c.clone[0], base),
  (context, c, base) => c.bundle?.[0] && toBundle(context, c.bundle[0], base),
  (context, c, base) => c.location?.[0] && toLocation(context, c.location[0], base),
  (context, c, base) => c.colocation?.[0] && toColocation(context, c.colocation[0], base),
  (context, c, base) => c.order?.[0] && toOrder(context, c.order[0], base),
  (context, c, base) => c.rscTicket?.[0] && toTicket(context, c.rscTicket[0], base),
  (context, c, base) => c.propertySet?.[0] && toPropertySet(context, c.propertySet[0], base),
  (context, c, base) =>
    c.fencingTopology?.[0] && toFencingTopology(context, c.fencingTopology[0], base),
  (context, c, base) => c.tag?.[0] && toTag(context, c.tag[0], base),
  (context, c, base) => c.role?.[0] && toRole(context, c.role[0], base),
  (context, c, base) => c.aclTarget?.[0] && toAclTarget(context, c.aclTarget[0], base),
  (context, c, base) => c.user?.[0] && toUser(context, c.user[0], base),
  (context, c, base) => c.alert?.[0] && toAlert(context, c.alert[0], base),
];

/** The AST of one parsed statement, or undefined if the CST holds no statement. */
export function statementToAst(
  context: AstContext,
  node: StatementCstNode,
  base: StatementBase,
): Statement | undefined {
  for (const convert of converters) {
    const statement = convert(context, node.children, base);
    if (statement !== undefined) return statement;
  }
  return undefined;
}
