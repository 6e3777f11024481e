import { aclPrinter } from "./acl.js";
import { alertPrinter, tagPrinter } from "./alert.js";
import { locationPrinter, simpleConstraintPrinter, ticketPrinter } from "./constraints.js";
import type { ObjectPrinter } from "./object-text.js";
import type { ObjectKind } from "./objects.js";
import { fencingTopologyPrinter, propertyPrinter } from "./properties.js";
import {
  bundlePrinter,
  containerPrinter,
  nodePrinter,
  primitivePrinter,
  templatePrinter,
} from "./resources.js";

/** The printer of each kind of object. */
export const printers: Readonly<Record<ObjectKind, ObjectPrinter>> = {
  node: nodePrinter,
  primitive: primitivePrinter,
  rsc_template: templatePrinter,
  group: containerPrinter("group"),
  clone: containerPrinter("clone"),
  ms: containerPrinter("ms"),
  bundle: bundlePrinter,
  location: locationPrinter,
  colocation: simpleConstraintPrinter("colocation"),
  order: simpleConstraintPrinter("order"),
  rsc_ticket: ticketPrinter,
  property: propertyPrinter("property"),
  rsc_defaults: propertyPrinter("rsc_defaults"),
  op_defaults: propertyPrinter("op_defaults"),
  fencing_topology: fencingTopologyPrinter,
  role: aclPrinter("role"),
  user: aclPrinter("user"),
  acl_target: aclPrinter("acl_target"),
  acl_group: aclPrinter("acl_group"),
  tag: tagPrinter,
  alert: alertPrinter,
};
