export type { XmlElement, XmlComment, XmlText, XmlNode } from "./xml-node.js";
export {
  element,
  comment,
  isElement,
  childElements,
  firstChild,
  ensureChild,
  cloneNode,
  descendants,
  indexById,
  findById,
  nodesEqual,
} from "./xml-node.js";
export type { XmlReadCode, XmlReadOptions } from "./xml-read.js";
export { readXml, positionOf } from "./xml-read.js";
export type { XmlWriteOptions } from "./xml-write.js";
export { writeXml, escapeAttribute, escapeText, forbiddenXmlCharacters } from "./xml-write.js";
export { emptyCib, crmFeatureSet, validateWith } from "./empty-cib.js";
