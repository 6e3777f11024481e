import type { XmlElement } from "../../backend/cib/index.js";
import { cibDelta, collectCib, type CibDelta } from "./validate-delta.js";
import { changeProblem } from "./validate-change.js";
import type { StructureWalk } from "./validate-structure.js";
import { validateCibWrite } from "./validate.js";

interface IdEntry {
  count: number;
  /** The element that carries it (the last one seen when several do). */
  name: string;
}

/**
 * The IDs of one CIB tree and how often each is referenced, kept for the CIB a node holds:
 * it follows that CIB from version to version by the changes between them (a walk of only
 * what changed, since versions share their untouched subtrees), and is rebuilt by a whole
 * walk only for an unrelated tree (a CIB adopted from a peer). `valid` says whether the tree
 * passed the schema and referential checks, so a change can be judged by its own parts.
 */
export class CibIdIndex {
  #root: XmlElement | undefined;
  readonly #ids = new Map<string, IdEntry>();
  readonly #references = new Map<string, number>();
  #duplicates = 0;
  #valid = false;

  /** True when the followed tree is valid and has unique IDs: a change may be judged alone. */
  get trusted(): boolean {
    return this.#valid && this.#duplicates === 0;
  }

  get root(): XmlElement | undefined {
    return this.#root;
  }

  /** Moves the index to `root` (by the changes since the tree it followed, or a rebuild). */
  follow(root: XmlElement): void {
    if (root === this.#root) return;
    const previous = this.#root;
    if (previous === undefined || !this.trusted || root.name !== "cib") return this.#rebuild(root);
    const delta = cibDelta(previous, root);
    this.#valid = changeProblem(this, delta) === undefined;
    this.#apply(delta.removed, -1);
    this.#apply(delta.added, +1);
    this.#root = root;
  }

  count(id: string): number {
    return this.#ids.get(id)?.count ?? 0;
  }

  elementName(id: string): string | undefined {
    return this.#ids.get(id)?.name;
  }

  references(id: string): number {
    return this.#references.get(id) ?? 0;
  }

  #rebuild(root: XmlElement): void {
    this.#ids.clear();
    this.#references.clear();
    this.#duplicates = 0;
    this.#root = root;
    if (root.name !== "cib") {
      this.#valid = false;
      return;
    }
    this.#apply(collectCib(root), +1);
    this.#valid = validateCibWrite(root).ok;
  }

  #apply(walk: StructureWalk, sign: 1 | -1): void {
    for (const found of walk.ids) {
      const entry = this.#ids.get(found.value) ?? { count: 0, name: found.element.name };
      if (entry.count > 1) this.#duplicates -= 1;
      entry.count += sign;
      if (sign > 0) entry.name = found.element.name;
      if (entry.count > 1) this.#duplicates += 1;
      if (entry.count <= 0) this.#ids.delete(found.value);
      else this.#ids.set(found.value, entry);
    }
    for (const found of walk.references) {
      const count = (this.#references.get(found.value) ?? 0) + sign;
      if (count <= 0) this.#references.delete(found.value);
      else this.#references.set(found.value, count);
    }
  }
}

export type { CibDelta };
