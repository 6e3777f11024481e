import type { XmlElement } from "../../cib/index.js";
import { childElements, cloneNode, element, firstChild } from "../../cib/index.js";
import { assert } from "../../base/index.js";
import { IdStore } from "./id-store.js";
import { ensureSection } from "./sections.js";

export const resourceTags: ReadonlySet<string> = new Set([
  "primitive",
  "template",
  "group",
  "clone",
  "master",
  "bundle",
]);
export const containerTags: ReadonlySet<string> = new Set(["group", "clone", "master", "bundle"]);

/** Sections whose children are configuration objects keyed by id. */
const objectSections = ["crm_config", "constraints", "tags", "acls", "alerts"];
const defaultsSections = ["rsc_defaults", "op_defaults"];

/**
 * A private copy of a CIB being edited, with the indexes creation needs: the global id store,
 * every object by id (nodes apart, as crmsh keeps them), and each object's parent element.
 */
export class Workspace {
  readonly cib: XmlElement;
  readonly configuration: XmlElement;
  readonly ids: IdStore;
  /** Node unames before any change (for target-less fencing_topology), sorted. */
  readonly initialNodeUnames: readonly string[];
  readonly #objects = new Map<string, XmlElement>();
  readonly #nodes = new Map<string, XmlElement>();
  readonly #parents = new Map<XmlElement, XmlElement>();

  constructor(cib: XmlElement) {
    this.cib = cloneNode(cib);
    let configuration = firstChild(this.cib, "configuration");
    if (configuration === undefined) {
      configuration = element("configuration");
      this.cib.children.unshift(configuration);
    }
    this.configuration = configuration;
    this.ids = IdStore.of(configuration);
    this.#indexConfiguration();
    this.initialNodeUnames = this.nodeUnames();
  }

  /** Unames of the nodes now in the CIB, sorted (crmsh node_id_list). */
  nodeUnames(): string[] {
    return [...this.#nodes.values()]
      .map((node) => node.attributes["uname"] ?? node.attributes["id"] ?? "")
      .sort();
  }

  #indexConfiguration(): void {
    for (const section of childElements(this.configuration)) {
      if (section.name === "nodes") {
        for (const node of childElements(section, "node")) this.#index(node, section);
      } else if (section.name === "resources") {
        for (const resource of childElements(section)) this.#index(resource, section);
      } else if (section.name === "fencing-topology") {
        this.#index(section, this.configuration);
      } else if (objectSections.includes(section.name) || defaultsSections.includes(section.name)) {
        for (const object of childElements(section)) this.#index(object, section);
      }
    }
  }

  /** Indexes an object (and, for containers, the resources inside it). */
  #index(object: XmlElement, parent: XmlElement): void {
    const id = object.attributes["id"];
    this.#parents.set(object, parent);
    if (object.name === "fencing-topology") {
      this.#objects.set("fencing_topology", object);
      return;
    }
    if (object.name === "node") {
      if (id !== undefined) this.#nodes.set(id, object);
      return;
    }
    if (id !== undefined && !this.#objects.has(id)) this.#objects.set(id, object);
    if (containerTags.has(object.name)) {
      for (const child of childElements(object)) {
        if (child.name === "primitive" || child.name === "group") this.#index(child, object);
      }
    }
  }

  #unindex(object: XmlElement): void {
    this.#parents.delete(object);
    const id = object.attributes["id"];
    if (object.name === "node") {
      if (id !== undefined && this.#nodes.get(id) === object) this.#nodes.delete(id);
      return;
    }
    if (id !== undefined && this.#objects.get(id) === object) this.#objects.delete(id);
    if (object.name === "fencing-topology") this.#objects.delete("fencing_topology");
    for (const child of childElements(object)) {
      if (this.#parents.get(child) === object) this.#unindex(child);
    }
  }

  /** Ids of the resources (and templates) a constraint may name; for "did you mean". */
  resourceIds(): string[] {
    const kinds = new Set(["primitive", "group", "clone", "master", "bundle", "template"]);
    return [...this.#objects].filter(([, object]) => kinds.has(object.name)).map(([id]) => id);
  }

  findObject(id: string): XmlElement | undefined {
    return this.#objects.get(id);
  }

  findNode(id: string): XmlElement | undefined {
    return this.#nodes.get(id);
  }

  parentOf(object: XmlElement): XmlElement | undefined {
    return this.#parents.get(object);
  }

  section(name: string): XmlElement {
    return ensureSection(this.configuration, name);
  }

  /** Appends a new object to `parent` (a section or a container) and indexes it. */
  append(object: XmlElement, parent: XmlElement): void {
    parent.children.push(object);
    this.#index(object, parent);
  }

  /** Puts `object` where `old` was (same parent, same position) and reindexes. */
  replace(old: XmlElement, object: XmlElement): void {
    const parent = this.#parents.get(old);
    assert(parent !== undefined, "a replaced object has a parent");
    const position = parent.children.indexOf(old);
    assert(position >= 0, "a replaced object is among its parent's children");
    this.#unindex(old);
    parent.children[position] = object;
    this.#index(object, parent);
  }

  /** Takes an object out of its parent (the object stays indexed: it is being moved). */
  detach(object: XmlElement): void {
    const parent = this.#parents.get(object);
    if (parent === undefined) return;
    const position = parent.children.indexOf(object);
    if (position >= 0) parent.children.splice(position, 1);
    this.#parents.delete(object);
  }

  /** Records that a moved object now lives in `parent` (it must already be a child there). */
  adopt(object: XmlElement, parent: XmlElement): void {
    this.#parents.set(object, parent);
  }

  /** Removes an object and forgets its ids. */
  removeObject(object: XmlElement): void {
    this.detach(object);
    this.#unindex(object);
    this.ids.removeTree(object);
  }

  /** Removes every object but the nodes (load replace). */
  clearAllButNodes(): void {
    for (const section of childElements(this.configuration)) {
      if (section.name === "nodes") continue;
      this.ids.removeTree(section);
      if (section.name === "fencing-topology") {
        this.detach(section);
        this.#unindex(section);
        continue;
      }
      for (const object of childElements(section)) this.#unindex(object);
      section.children = [];
    }
  }
}
