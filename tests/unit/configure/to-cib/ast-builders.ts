// Hand-built AST values for to-cib unit tests (independent of the parser).
import type {
  AttributeSet,
  Nvpair,
  Op,
  PrimitiveStatement,
  Reference,
  Score,
  Statement,
} from "../../../../grammar/index.js";
import type { Span } from "../../../../backend/base/index.js";
import type { XmlElement } from "../../../../backend/cib/index.js";
import { firstChild, writeXml } from "../../../../backend/cib/index.js";

let offset = 0;
/** A fresh span, later than every earlier one (builders rely on input order by offset). */
export function span(line = 1): Span {
  offset += 10;
  return { line, column: 1, offset, length: 1 };
}

export function ref(id: string): Reference {
  return { id, span: span() };
}

export function nvpairs(pairs: Record<string, string>): Nvpair[] {
  return Object.entries(pairs).map(([name, value]) => ({
    kind: "nvpair",
    name,
    value,
    span: span(),
  }));
}

export function params(
  pairs: Record<string, string>,
  extra: Partial<AttributeSet> = {},
): AttributeSet {
  return {
    kind: "attribute_set",
    keyword: "params",
    element: "instance_attributes",
    implicit: false,
    rules: [],
    nvpairs: nvpairs(pairs),
    span: span(),
    ...extra,
  };
}

export function meta(pairs: Record<string, string>): AttributeSet {
  return { ...params(pairs), keyword: "meta", element: "meta_attributes" };
}

export function op(name: string, attributes: Record<string, string> = {}): Op {
  const list = Object.entries(attributes).map(([n, value]) => ({ name: n, value, span: span() }));
  const interval = attributes["interval"];
  return {
    kind: "op",
    name,
    attributes: list,
    ...(interval === undefined ? {} : { interval }),
    sets: [],
    span: span(),
  };
}

export function primitive(
  id: string,
  type: string,
  parts: { sets?: AttributeSet[]; ops?: Op[]; comments?: string[] } = {},
): PrimitiveStatement {
  const statementSpan = span();
  return {
    kind: "primitive",
    id,
    agent: { kind: "agent", raw: type, type, span: span() },
    sets: parts.sets ?? [],
    ops: parts.ops ?? [],
    comments: parts.comments ?? [],
    span: statementSpan,
  };
}

export function score(raw: string): Score {
  return { raw, form: "integer", value: raw, span: span() };
}

export function group(id: string, children: string[]): Statement {
  return { kind: "group", id, children: children.map(ref), sets: [], comments: [], span: span() };
}

export function location(id: string, resource: string, raw: string, node: string): Statement {
  return {
    kind: "location",
    id,
    resource: { kind: "resource", resource: ref(resource) },
    attributes: [],
    score: score(raw),
    node,
    rules: [],
    comments: [],
    span: span(),
  };
}

export function property(pairs: Record<string, string>, setId?: string): Statement {
  return {
    kind: "property",
    ...(setId === undefined ? {} : { setId }),
    rules: [],
    nvpairs: nvpairs(pairs),
    comments: [],
    span: span(),
  };
}

export function section(cib: XmlElement, name: string): XmlElement {
  const configuration = firstChild(cib, "configuration");
  const found = configuration === undefined ? undefined : firstChild(configuration, name);
  if (found === undefined) throw new Error(`no section ${name}`);
  return found;
}

export function sectionXml(cib: XmlElement, name: string): string {
  return writeXml(section(cib, name)).trim();
}
