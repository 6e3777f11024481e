import type { XmlElement } from "../../cib/index.js";
import { descendants } from "../../cib/index.js";

/** How many numbered candidates crmsh tries after the plain one (`-0` … `-98`). */
const collisionSuffixesMax = 99;

/** The id suffix crmsh appends per element kind (crmsh 4.4 `subpfx_list`). */
const suffixByTag: Readonly<Record<string, string>> = {
  instance_attributes: "instance_attributes",
  meta_attributes: "meta_attributes",
  utilization: "utilization",
  operations: "ops",
  rule: "rule",
  expression: "expression",
  date_expression: "expression",
  duration: "duration",
  date_spec: "date_spec",
  read: "read",
  write: "write",
  deny: "deny",
};

const allDigits = /^\d+$/;

/**
 * The global id store over one CIB configuration, as crmsh keeps it: every id in use,
 * and crmsh's scheme for generated ids (prefix, kind suffix, `-0`, `-1`… on collision).
 */
export class IdStore {
  readonly #used = new Set<string>();

  /** A store holding every id found under `root` (elements with an `id` attribute). */
  static of(root: XmlElement): IdStore {
    const store = new IdStore();
    for (const node of descendants(root)) {
      const id = node.attributes["id"];
      if (id !== undefined && node.attributes["id-ref"] === undefined) store.save(id);
    }
    return store;
  }

  has(id: string): boolean {
    return this.#used.has(id);
  }

  save(id: string): void {
    if (id !== "") this.#used.add(id);
  }

  remove(id: string): void {
    this.#used.delete(id);
  }

  /** Registers every id under `root` (an object moved back in). */
  saveTree(root: XmlElement): void {
    for (const node of descendants(root)) {
      const id = node.attributes["id"];
      if (id !== undefined && node.attributes["id-ref"] === undefined) this.save(id);
    }
  }

  /** Forgets every id under `root` (an object being replaced or removed). */
  removeTree(root: XmlElement): void {
    for (const node of descendants(root)) {
      const id = node.attributes["id"];
      if (id !== undefined) this.#used.delete(id);
    }
  }

  /**
   * Generates and saves a free id for `node` under `prefix` (the owner's id), exactly as
   * crmsh 4.4's idmgmt.new: nvpair `<prefix>-<name>`, op `<prefix>-<name>-<interval>`,
   * attribute sets, rules, expressions… `<prefix>-<kind>`, anything else `<prefix>`;
   * an all-digit prefix becomes `num-<prefix>`; a used id gets `-0`, `-1`, … appended.
   */
  generate(node: XmlElement, prefix: string): string {
    const base = allDigits.test(prefix) && node.name !== "node" ? `num-${prefix}` : prefix;
    const candidate = this.#candidate(node, base);
    const id = this.has(candidate) ? this.#free(candidate) : candidate;
    this.save(id);
    return id;
  }

  #candidate(node: XmlElement, prefix: string): string {
    const name = node.attributes["name"];
    if (node.name === "nvpair") return `${prefix}-${name ?? "None"}`;
    if (node.name === "op") {
      const interval = node.attributes["interval"];
      return interval !== undefined && interval !== ""
        ? `${prefix}-${name ?? "None"}-${interval}`
        : `${prefix}-${name ?? "None"}`;
    }
    const suffix = suffixByTag[node.name];
    return suffix === undefined ? prefix : `${prefix}-${suffix}`;
  }

  #free(candidate: string): string {
    for (let count = 0; count < collisionSuffixesMax; count++) {
      const attempt = `${candidate}-${count}`;
      if (!this.has(attempt)) return attempt;
    }
    // crmsh gives up after 99 attempts and reuses the candidate; the schema then rejects it.
    return candidate;
  }
}
