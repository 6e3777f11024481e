/** Public surface of completions/: Tab completion for crm, interactive and through bash. */
export type * from "./context.js";
export { complete } from "./complete.js";
export { completeCommandLine, completeRequested } from "./bash.js";
export { actionsFromMetaData, parametersFromMetaData } from "./agent-metadata.js";
export { agentInLine } from "./agent-in-line.js";
export { idsFromCib, type CibElementLike } from "./cib-ids.js";
export { clusterOptions } from "./tables/cluster-options.js";
export {
  resourceMetaAttributes,
  cloneMetaAttributes,
  opAttributes,
} from "./tables/meta-attributes.js";
export type { AttributeDefinition, AttributeType } from "./tables/attribute.js";
