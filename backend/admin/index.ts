// backend/admin: what `crm resource` and `crm node` change, as pure transformations of the CIB
// (a new document plus the lines crm_resource / crm_attribute print). Every backend applies the
// result the same way, so the XML and ids match crmsh 4.4 and Pacemaker 2.1's tools everywhere.
export type { AdminChange, AdminCode, AdminIssue } from "./change.js";
export { allResources, findResource, isPromotable, primitivesOf } from "./resources.js";
export type { ResourcePath } from "./resources.js";
export type { DeepMetaOptions } from "./resource-meta.js";
export { resourceMeta, setDeepMeta, setPromotedRole, setTargetRole } from "./resource-meta.js";
export type { AttributeRequest, ResourceAttributeKind } from "./resource-attributes.js";
export {
  deleteResourceAttribute,
  setResourceAttribute,
  showResourceAttribute,
} from "./resource-attributes.js";
export type { PlacementRequest } from "./location-constraints.js";
export { banResource, clearResource, moveResource } from "./location-constraints.js";
export { addDuration, isDuration, pacemakerDate, parseDuration } from "./lifetime.js";
export type { Location } from "./locate.js";
export { locateLines, locateResource } from "./locate.js";
export type { HistoryRequest } from "./resource-history.js";
export {
  cleanupResource,
  deleteFailCount,
  failureAttributeResource,
  setFailCount,
  showFailCount,
} from "./resource-history.js";
export { configuredNodes, findNode, findNodeState, knownNodeNames } from "./nodes.js";
export type { NodeAttributeRequest, NodeAttributeScope } from "./node-attributes.js";
export { deleteNodeAttribute, setNodeAttribute, showNodeAttribute } from "./node-attributes.js";
export {
  clearNodeState,
  crmshIdPrefix,
  deleteNode,
  nodeMaintenance,
  onlineNode,
  standbyNode,
} from "./node-states.js";
export { isOnline, nodeStates } from "./status-section.js";
