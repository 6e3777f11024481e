import type { XmlElement } from "../../backend/cib/index.js";
import type { BinaryOperator, XpathExpression, XpathStep } from "./acl-xpath-parse.js";

/** XPath nodes over the CIB tree: the document, elements, attributes and text. */
export type XpathNode =
  | { readonly kind: "document"; readonly root: XmlElement }
  | { readonly kind: "element"; readonly element: XmlElement }
  | {
      readonly kind: "attribute";
      readonly owner: XmlElement;
      readonly name: string;
      readonly value: string;
    }
  | { readonly kind: "text"; readonly owner: XmlElement; readonly text: string };

type Value =
  | { readonly kind: "nodes"; readonly nodes: readonly XpathNode[] }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "boolean"; readonly value: boolean };

interface Context {
  readonly node: XpathNode;
  readonly position: number;
  readonly size: number;
}

/** One evaluation over one document: parents are found once, on demand. */
class Evaluation {
  #parents: Map<XmlElement, XmlElement> | undefined;
  constructor(readonly root: XmlElement) {}

  parentOf(element: XmlElement): XmlElement | undefined {
    if (this.#parents === undefined) {
      const parents = new Map<XmlElement, XmlElement>();
      const stack = [this.root];
      for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
        for (const child of next.children) {
          if (child.kind === "element") {
            parents.set(child, next);
            stack.push(child);
          }
        }
      }
      this.#parents = parents;
    }
    return this.#parents.get(element);
  }

  evaluate(expression: XpathExpression, context: Context): Value {
    switch (expression.kind) {
      case "literal":
        return { kind: "string", value: expression.value };
      case "number":
        return { kind: "number", value: expression.value };
      case "path":
        return {
          kind: "nodes",
          nodes: this.path(expression.absolute, expression.steps, context.node),
        };
      case "binary":
        return this.binary(expression.operator, expression.left, expression.right, context);
      case "call":
        return this.call(expression.name, expression.args, context);
    }
  }

  path(absolute: boolean, steps: readonly XpathStep[], start: XpathNode): XpathNode[] {
    let current: XpathNode[] = [absolute ? { kind: "document", root: this.root } : start];
    for (const step of steps) {
      const next: XpathNode[] = [];
      const seen = new NodeSet();
      for (const node of current) {
        let candidates = this.axis(step, node);
        for (const predicate of step.predicates) candidates = this.filter(candidates, predicate);
        for (const candidate of candidates) if (seen.add(candidate)) next.push(candidate);
      }
      current = next;
    }
    return current;
  }

  filter(nodes: readonly XpathNode[], predicate: XpathExpression): XpathNode[] {
    return nodes.filter((node, index) => {
      const value = this.evaluate(predicate, { node, position: index + 1, size: nodes.length });
      return value.kind === "number" ? value.value === index + 1 : toBoolean(value);
    });
  }

  axis(step: XpathStep, node: XpathNode): XpathNode[] {
    switch (step.axis) {
      case "self":
        return [node];
      case "parent":
        return this.parent(node);
      case "attribute":
        if (node.kind !== "element") return [];
        return Object.entries(node.element.attributes)
          .filter(([name]) => step.test === "*" || step.test === name)
          .map(([name, value]) => ({ kind: "attribute", owner: node.element, name, value }));
      case "descendant_or_self":
        return descendantsOrSelf(node);
      case "child":
        return childNodes(node).filter((child) => matchesTest(child, step.test));
    }
  }

  parent(node: XpathNode): XpathNode[] {
    if (node.kind === "document") return [];
    if (node.kind !== "element") return [{ kind: "element", element: node.owner }];
    const parent = this.parentOf(node.element);
    return [
      parent === undefined
        ? { kind: "document", root: this.root }
        : { kind: "element", element: parent },
    ];
  }

  binary(
    operator: BinaryOperator,
    left: XpathExpression,
    right: XpathExpression,
    context: Context,
  ): Value {
    if (operator === "or") {
      const value =
        toBoolean(this.evaluate(left, context)) || toBoolean(this.evaluate(right, context));
      return { kind: "boolean", value };
    }
    if (operator === "and") {
      const value =
        toBoolean(this.evaluate(left, context)) && toBoolean(this.evaluate(right, context));
      return { kind: "boolean", value };
    }
    const value = compare(operator, this.evaluate(left, context), this.evaluate(right, context));
    return { kind: "boolean", value };
  }

  call(name: string, args: readonly XpathExpression[], context: Context): Value {
    const values = args.map((argument) => this.evaluate(argument, context));
    const first = values[0];
    const text = (index: number): string => {
      const value = values[index];
      return value === undefined ? stringValue(context.node) : toText(value);
    };
    switch (name) {
      case "not":
        return { kind: "boolean", value: first === undefined || !toBoolean(first) };
      case "contains":
        return { kind: "boolean", value: text(0).includes(text(1)) };
      case "starts-with":
        return { kind: "boolean", value: text(0).startsWith(text(1)) };
      case "last":
        return { kind: "number", value: context.size };
      case "position":
        return { kind: "number", value: context.position };
      case "count":
        return { kind: "number", value: first?.kind === "nodes" ? first.nodes.length : NaN };
      case "name":
      case "local-name": {
        const node = first?.kind === "nodes" ? first.nodes[0] : context.node;
        return { kind: "string", value: node === undefined ? "" : nodeName(node) };
      }
      case "string":
        return { kind: "string", value: text(0) };
      case "normalize-space":
        return { kind: "string", value: text(0).trim().replace(/\s+/g, " ") };
      case "true":
      case "false":
        return { kind: "boolean", value: name === "true" };
      default:
        return { kind: "boolean", value: false };
    }
  }
}

/** Remembers nodes already taken, by identity (attributes by owner and name). */
class NodeSet {
  readonly #elements = new Set<XmlElement>();
  readonly #attributes = new Map<XmlElement, Set<string>>();
  readonly #texts = new Set<string>();
  #documents = 0;
  #textOwners = new Map<XmlElement, number>();

  add(node: XpathNode): boolean {
    switch (node.kind) {
      case "document":
        return this.#documents++ === 0;
      case "element":
        return this.#elements.size !== this.#elements.add(node.element).size;
      case "attribute": {
        const names = this.#attributes.get(node.owner) ?? new Set<string>();
        this.#attributes.set(node.owner, names);
        return names.size !== names.add(node.name).size;
      }
      case "text": {
        const ownerIndex = this.#textOwners.get(node.owner) ?? this.#textOwners.size;
        this.#textOwners.set(node.owner, ownerIndex);
        const key = `${ownerIndex}\u0000${node.text}`;
        return this.#texts.size !== this.#texts.add(key).size;
      }
    }
  }
}

function childNodes(node: XpathNode): XpathNode[] {
  if (node.kind === "document") return [{ kind: "element", element: node.root }];
  if (node.kind !== "element") return [];
  const children: XpathNode[] = [];
  for (const child of node.element.children) {
    if (child.kind === "element") children.push({ kind: "element", element: child });
    else if (child.kind === "text")
      children.push({ kind: "text", owner: node.element, text: child.text });
  }
  return children;
}

function descendantsOrSelf(node: XpathNode): XpathNode[] {
  const result: XpathNode[] = [node];
  const visit = (current: XpathNode): void => {
    for (const child of childNodes(current)) {
      if (child.kind !== "element") continue;
      result.push(child);
      visit(child);
    }
  };
  visit(node);
  return result;
}

function matchesTest(node: XpathNode, test: string): boolean {
  if (test === "node()") return true;
  if (test === "text()") return node.kind === "text";
  if (node.kind !== "element") return false;
  return test === "*" || node.element.name === test;
}

function nodeName(node: XpathNode): string {
  if (node.kind === "element") return node.element.name;
  return node.kind === "attribute" ? node.name : "";
}

function stringValue(node: XpathNode): string {
  switch (node.kind) {
    case "attribute":
      return node.value;
    case "text":
      return node.text;
    case "document":
      return elementText(node.root);
    case "element":
      return elementText(node.element);
  }
}

function elementText(element: XmlElement): string {
  let text = "";
  for (const child of element.children) {
    if (child.kind === "text") text += child.text;
    else if (child.kind === "element") text += elementText(child);
  }
  return text;
}

function toBoolean(value: Value): boolean {
  switch (value.kind) {
    case "nodes":
      return value.nodes.length > 0;
    case "string":
      return value.value !== "";
    case "number":
      return value.value !== 0 && !Number.isNaN(value.value);
    case "boolean":
      return value.value;
  }
}

function toText(value: Value): string {
  switch (value.kind) {
    case "nodes":
      return value.nodes[0] === undefined ? "" : stringValue(value.nodes[0]);
    case "string":
      return value.value;
    case "number":
      return String(value.value);
    case "boolean":
      return String(value.value);
  }
}

function toNumber(value: Value): number {
  if (value.kind === "number") return value.value;
  if (value.kind === "boolean") return value.value ? 1 : 0;
  const text = toText(value).trim();
  return text === "" ? NaN : Number(text);
}

/** XPath 1.0 comparison: node-sets compare through any of their members' string values. */
function compare(operator: BinaryOperator, left: Value, right: Value): boolean {
  if (left.kind === "nodes") {
    return left.nodes.some((node) =>
      compare(operator, { kind: "string", value: stringValue(node) }, right),
    );
  }
  if (right.kind === "nodes") {
    return right.nodes.some((node) =>
      compare(operator, left, { kind: "string", value: stringValue(node) }),
    );
  }
  if (operator === "=" || operator === "!=") {
    let equal: boolean;
    if (left.kind === "boolean" || right.kind === "boolean")
      equal = toBoolean(left) === toBoolean(right);
    else if (left.kind === "number" || right.kind === "number")
      equal = toNumber(left) === toNumber(right);
    else equal = toText(left) === toText(right);
    return operator === "=" ? equal : !equal;
  }
  const [a, b] = [toNumber(left), toNumber(right)];
  if (operator === "<") return a < b;
  if (operator === "<=") return a <= b;
  if (operator === ">") return a > b;
  return a >= b;
}

/**
 * The elements an xpath selects in the document under `root`, as Pacemaker applies ACLs: an
 * attribute or text match stands for its element, the document for its root element.
 */
export function selectElements(root: XmlElement, expression: XpathExpression): XmlElement[] {
  const evaluation = new Evaluation(root);
  const value = evaluation.evaluate(expression, {
    node: { kind: "document", root },
    position: 1,
    size: 1,
  });
  if (value.kind !== "nodes") return [];
  const elements = new Set<XmlElement>();
  for (const node of value.nodes) {
    if (node.kind === "document") elements.add(node.root);
    else if (node.kind === "element") elements.add(node.element);
    else elements.add(node.owner);
  }
  return [...elements];
}
