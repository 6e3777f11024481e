/**
 * Resource meta attributes (`meta NAME=VALUE`, rsc_defaults) and op attributes (`op NAME
 * NAME=VALUE`, op_defaults), with the types and defaults Pacemaker 2.1 documents.
 */
import type { AttributeDefinition } from "./attribute.js";

const roles = ["Stopped", "Started", "Unpromoted", "Promoted", "Slave", "Master"];

export const resourceMetaAttributes: readonly AttributeDefinition[] = [
  {
    name: "allow-migrate",
    type: "boolean",
    default: "false",
    description: "Migrate live instead of stopping and starting",
  },
  {
    name: "allow-unhealthy-nodes",
    type: "boolean",
    default: "false",
    description: "Ignore node health when placing this resource",
  },
  {
    name: "critical",
    type: "boolean",
    default: "true",
    description: "Whether colocations with this resource are influential by default",
  },
  { name: "description", type: "string", description: "Free text" },
  {
    name: "failure-timeout",
    type: "time",
    default: "0",
    description: "How long before a failure is forgotten (0: never)",
  },
  {
    name: "is-managed",
    type: "boolean",
    default: "true",
    description: "Whether the cluster may start and stop the resource",
  },
  {
    name: "maintenance",
    type: "boolean",
    default: "false",
    description: "Neither start, stop nor monitor the resource",
  },
  {
    name: "migration-threshold",
    type: "score",
    default: "INFINITY",
    description: "Failures on a node before the resource is banned from it",
  },
  {
    name: "multiple-active",
    type: "select",
    default: "stop_start",
    values: ["block", "stop_only", "stop_start", "stop_unexpected"],
    description: "What to do when the resource is found active on several nodes",
  },
  {
    name: "priority",
    type: "integer",
    default: "0",
    description: "Which resources stay active when not all can",
  },
  {
    name: "provides",
    type: "select",
    values: ["unfencing"],
    description: "A fencing device that unfences nodes (deprecated: requires=unfencing)",
  },
  { name: "remote-addr", type: "string", description: "Address of a guest node" },
  {
    name: "remote-connect-timeout",
    type: "time",
    default: "60s",
    description: "How long to wait for a guest connection",
  },
  { name: "remote-node", type: "string", description: "Name of the guest node this resource is" },
  {
    name: "remote-port",
    type: "integer",
    default: "3121",
    description: "Port of the guest node connection",
  },
  {
    name: "requires",
    type: "select",
    default: "fencing",
    values: ["nothing", "quorum", "fencing", "unfencing"],
    description: "Conditions under which the resource can start",
  },
  {
    name: "resource-stickiness",
    type: "score",
    default: "0",
    description: "Preference for staying where it is (1 for clones)",
  },
  {
    name: "target-role",
    type: "select",
    default: "Started",
    values: roles,
    description: "State the cluster tries to keep the resource in",
  },
];

/** Meta attributes of clones and ms resources, besides the resource ones. */
export const cloneMetaAttributes: readonly AttributeDefinition[] = [
  { name: "clone-max", type: "integer", description: "Copies to start (default: nodes)" },
  {
    name: "clone-min",
    type: "integer",
    default: "0",
    description: "Copies that must run before ordered dependents start",
  },
  { name: "clone-node-max", type: "integer", default: "1", description: "Copies per node" },
  {
    name: "globally-unique",
    type: "boolean",
    default: "false",
    description: "Whether each copy does something different",
  },
  {
    name: "interleave",
    type: "boolean",
    default: "false",
    description: "Order against copies on the same node only",
  },
  {
    name: "notify",
    type: "boolean",
    default: "false",
    description: "Tell copies before and after actions of others",
  },
  {
    name: "ordered",
    type: "boolean",
    default: "false",
    description: "Start copies one after another",
  },
  { name: "promotable", type: "boolean", default: "false", description: "Copies can be promoted" },
  { name: "promoted-max", type: "integer", default: "1", description: "Copies to promote" },
  {
    name: "promoted-node-max",
    type: "integer",
    default: "1",
    description: "Promoted copies per node",
  },
];

export const opAttributes: readonly AttributeDefinition[] = [
  { name: "description", type: "string", description: "Free text" },
  {
    name: "enabled",
    type: "boolean",
    default: "true",
    description: "Whether the operation is run",
  },
  {
    name: "interval",
    type: "time",
    default: "0",
    description: "How often to run it (0: not recurring)",
  },
  { name: "interval-origin", type: "string", description: "ISO 8601 time intervals count from" },
  {
    name: "on-fail",
    type: "select",
    default: "restart",
    values: [
      "ignore",
      "block",
      "demote",
      "stop",
      "restart",
      "standby",
      "fence",
      "restart-container",
    ],
    description: "What to do when the operation fails",
  },
  {
    name: "record-pending",
    type: "boolean",
    default: "true",
    description: "Record the operation while it runs",
  },
  {
    name: "role",
    type: "select",
    values: roles,
    description: "Run the operation only in this role",
  },
  { name: "start-delay", type: "time", default: "0", description: "Delay before the first run" },
  {
    name: "timeout",
    type: "time",
    default: "20s",
    description: "How long before the operation is declared failed",
  },
];
