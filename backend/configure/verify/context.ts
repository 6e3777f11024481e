import type { Issue, Span } from "../../base/index.js";
import { issue } from "../../base/index.js";
import type { XmlElement } from "../../cib/index.js";
import { configurationObjects } from "../edit/objects.js";

export type VerifyCode =
  | "no_configuration"
  | "duplicate_id"
  | "missing_reference"
  | "bad_score"
  | "unknown_operation"
  | "unknown_role"
  | "bad_value"
  | "illegal_nesting"
  | "empty_container"
  | "unknown_node"
  | "duplicate_operation";

export type VerifyIssue = Issue<VerifyCode>;

export interface VerifyOptions {
  /** Where each object (by id) came from in a script: issues about it carry this span. */
  readonly positions?: ReadonlyMap<string, Span>;
}

/** One element of the configuration with the object (primitive, constraint…) that holds it. */
export interface Visited {
  readonly element: XmlElement;
  readonly parent: XmlElement | undefined;
  readonly owner: XmlElement | undefined;
}

/** Shared state of one verify run: every element once, and the issue sink. */
export class VerifyRun {
  readonly visited: Visited[] = [];
  readonly issues: VerifyIssue[] = [];
  readonly objects: ReadonlySet<XmlElement>;

  constructor(
    readonly configuration: XmlElement,
    private readonly options: VerifyOptions,
  ) {
    this.objects = new Set(configurationObjects(configuration).map((located) => located.element));
    this.#walk(configuration, undefined, undefined);
  }

  #walk(element: XmlElement, parent: XmlElement | undefined, owner: XmlElement | undefined): void {
    const holder = this.objects.has(element) ? element : owner;
    this.visited.push({ element, parent, owner: holder });
    for (const child of element.children) {
      if (child.kind === "element") this.#walk(child, element, holder);
    }
  }

  /** Records an issue about `owner`, with its script position when known. */
  report(
    code: VerifyCode,
    message: string,
    owner: XmlElement | undefined,
    severity: "error" | "warning" = "error",
  ): void {
    const id = owner?.attributes["id"];
    const span = id === undefined ? undefined : this.options.positions?.get(id);
    this.issues.push(
      issue(code, message, {
        severity,
        ...(id === undefined ? {} : { path: [id] }),
        ...(span === undefined ? {} : { span }),
      }),
    );
  }
}

/** `primitive "d1"`, `location "l1"`: how messages name an object. */
export function nameOf(element: XmlElement | undefined): string {
  if (element === undefined) return "the configuration";
  const kind = objectWords[element.name] ?? element.name;
  return `${kind} "${element.attributes["id"] ?? "?"}"`;
}

const objectWords: Readonly<Record<string, string>> = {
  master: "ms",
  template: "rsc_template",
  rsc_location: "location",
  rsc_colocation: "colocation",
  rsc_order: "order",
  cluster_property_set: "property set",
  "fencing-level": "fencing level",
};
