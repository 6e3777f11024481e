import type { Statement } from "../../../grammar/index.js";
import { unreachable } from "../../base/index.js";
import { buildAclTarget, buildAlert, buildRole, buildUser } from "./build-access.js";
import { buildFencingTopology, buildNode, buildPropertySet, buildTag } from "./build-cluster.js";
import { buildColocation, buildLocation, buildOrder, buildTicket } from "./build-constraints.js";
import type { BuildContext } from "./build-context.js";
import { buildRawXml } from "./build-raw-xml.js";
import { buildBundle, buildContainer, buildMonitorOp, buildPrimitive } from "./build-resources.js";
import type { Draft } from "./draft.js";

/** One statement as CIB XML with its placement; undefined when it cannot be built. */
export function buildDraft(statement: Statement, context: BuildContext): Draft | undefined {
  switch (statement.kind) {
    case "node":
      return buildNode(statement, context);
    case "primitive":
    case "rsc_template":
      return buildPrimitive(statement, context);
    case "monitor":
      return {
        id: `${statement.resource.id}:monitor`,
        element: buildMonitorOp(statement),
        placement: { kind: "op", resource: statement.resource },
        children: [],
        references: [],
        statement,
        span: statement.span,
      };
    case "group":
    case "clone":
    case "ms":
      return buildContainer(statement);
    case "bundle":
      return buildBundle(statement);
    case "location":
      return buildLocation(statement);
    case "colocation":
      return buildColocation(statement, context);
    case "order":
      return buildOrder(statement, context);
    case "rsc_ticket":
      return buildTicket(statement, context);
    case "property":
    case "rsc_defaults":
    case "op_defaults":
      return buildPropertySet(statement);
    case "fencing_topology":
      return buildFencingTopology(statement, context);
    case "tag":
      return buildTag(statement);
    case "role":
      return buildRole(statement, context);
    case "acl_target":
    case "acl_group":
      return buildAclTarget(statement);
    case "user":
      return buildUser(statement, context);
    case "alert":
      return buildAlert(statement);
    case "xml":
      return buildRawXml(statement, context);
    default:
      return unreachable(statement, "statement kind");
  }
}
