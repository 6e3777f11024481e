/**
 * The CIB's XML as a small mutable tree. Attribute order is insertion order (as written by
 * cibadmin/crmsh); children keep document order; comments are kept because crmsh stores
 * `# comments` of the configure language as XML comments inside the object they precede.
 */
export interface XmlElement {
  readonly kind: "element";
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

export interface XmlComment {
  readonly kind: "comment";
  text: string;
}

export interface XmlText {
  readonly kind: "text";
  text: string;
}

export type XmlNode = XmlElement | XmlComment | XmlText;

export function element(
  name: string,
  attributes: Record<string, string> = {},
  children: XmlNode[] = [],
): XmlElement {
  return { kind: "element", name, attributes, children };
}

export function comment(text: string): XmlComment {
  return { kind: "comment", text };
}

export function isElement(node: XmlNode | undefined): node is XmlElement {
  return node?.kind === "element";
}

/** Element children, in document order, optionally only those with the given tag. */
export function childElements(parent: XmlElement, name?: string): XmlElement[] {
  const result: XmlElement[] = [];
  for (const child of parent.children) {
    if (child.kind === "element" && (name === undefined || child.name === name)) {
      result.push(child);
    }
  }
  return result;
}

export function firstChild(parent: XmlElement, name: string): XmlElement | undefined {
  for (const child of parent.children) {
    if (child.kind === "element" && child.name === name) return child;
  }
  return undefined;
}

/** Returns the child with this tag, creating it (appended) when missing. */
export function ensureChild(parent: XmlElement, name: string): XmlElement {
  const existing = firstChild(parent, name);
  if (existing !== undefined) return existing;
  const created = element(name);
  parent.children.push(created);
  return created;
}

export function cloneNode<T extends XmlNode>(node: T): T {
  if (node.kind !== "element") return { ...node };
  return {
    kind: "element",
    name: node.name,
    attributes: { ...node.attributes },
    children: node.children.map((child) => cloneNode(child)),
  } as T;
}

/** Depth-first, document order, the root included. */
export function* descendants(root: XmlElement): Generator<XmlElement> {
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined) break;
    yield next;
    for (let index = next.children.length - 1; index >= 0; index--) {
      const child = next.children[index];
      if (child?.kind === "element") stack.push(child);
    }
  }
}

/** Every element under `root` (root included) that carries an `id`, by id. First wins. */
export function indexById(root: XmlElement): Map<string, XmlElement> {
  const byId = new Map<string, XmlElement>();
  for (const node of descendants(root)) {
    const id = node.attributes["id"];
    if (id !== undefined && !byId.has(id)) byId.set(id, node);
  }
  return byId;
}

export function findById(root: XmlElement, id: string): XmlElement | undefined {
  for (const node of descendants(root)) if (node.attributes["id"] === id) return node;
  return undefined;
}

/** Structural equality: names, attributes (order ignored), children in order. */
export function nodesEqual(a: XmlNode, b: XmlNode): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind !== "element" || b.kind !== "element") {
    return (a as XmlComment | XmlText).text === (b as XmlComment | XmlText).text;
  }
  if (a.name !== b.name || a.children.length !== b.children.length) return false;
  const aKeys = Object.keys(a.attributes);
  if (aKeys.length !== Object.keys(b.attributes).length) return false;
  for (const key of aKeys) if (a.attributes[key] !== b.attributes[key]) return false;
  return a.children.every((child, index) => {
    const other = b.children[index];
    return other !== undefined && nodesEqual(child, other);
  });
}
