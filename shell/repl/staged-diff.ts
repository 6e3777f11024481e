/**
 * The staged change as the pane under the prompt shows it: each configuration object added
 * (`+`), removed (`-`) or changed (`~`) between the CIB as read and the working copy, in crm
 * syntax (or XML). Pure; only objects whose XML differs are printed, so a large CIB costs one
 * comparison per object.
 */
import type { XmlElement } from "../../backend/cib/index.js";
import { childElements, firstChild, nodesEqual, writeXml } from "../../backend/cib/index.js";
import { showObject } from "../../backend/configure/index.js";

export type DiffSign = "+" | "-" | "~";

export interface DiffLine {
  readonly sign: DiffSign;
  readonly text: string;
}

/** Lines of the staged diff the pane under the prompt shows; the rest is summarised. */
export const diffPaneLinesMax = 20;

export interface StagedDiffOptions {
  /** XML of the changed objects instead of crm syntax. */
  readonly xml?: boolean;
  /**
   * Stop printing objects once this many lines are out; later changed objects are only
   * counted (printing one costs a pass over the configuration: thousands would take seconds).
   */
  readonly linesMax?: number;
}

/** The diff's lines, and how many more changed objects were counted but not printed. */
export interface StagedDiff {
  readonly lines: readonly DiffLine[];
  readonly hiddenObjects: number;
}

/** Sections printed as one object each (crmsh shows `rsc_defaults …` as one statement). */
const wholeSections: ReadonlySet<string> = new Set([
  "rsc_defaults",
  "op_defaults",
  "fencing-topology",
]);
/** Resources whose children are statements of their own in crm syntax. */
const containers: ReadonlySet<string> = new Set(["group", "clone", "master", "bundle"]);

/** Objects by key (id, or the section name for whole sections), in document order. */
export function configurationObjects(cib: XmlElement, flatten: boolean): Map<string, XmlElement> {
  const objects = new Map<string, XmlElement>();
  const configuration = firstChild(cib, "configuration");
  if (configuration === undefined) return objects;
  const add = (object: XmlElement): void => {
    objects.set(object.attributes["id"] ?? `${object.name}#${objects.size}`, object);
    if (flatten && containers.has(object.name)) childElements(object).forEach(addResource);
  };
  const addResource = (child: XmlElement): void => {
    if (child.attributes["id"] !== undefined && isResource(child.name)) add(child);
  };
  for (const section of childElements(configuration)) {
    if (wholeSections.has(section.name)) objects.set(section.name, section);
    else childElements(section).forEach(add);
  }
  return objects;
}

function isResource(name: string): boolean {
  return name === "primitive" || containers.has(name);
}

/** The text of one object: crm syntax as `show` prints it, or its XML. */
function objectLines(
  object: XmlElement,
  configuration: XmlElement | undefined,
  xml: boolean,
): string[] {
  if (xml) return writeXml(object, { declaration: false }).replace(/\n$/, "").split("\n");
  const options = configuration === undefined ? {} : { configuration };
  return showObject(object, options).split("\n");
}

function signed(sign: DiffSign, lines: readonly string[]): DiffLine[] {
  return lines.map((text) => ({ sign, text }));
}

/** The staged change, object by object; no lines when nothing differs. */
export function stagedDiff(
  original: XmlElement,
  working: XmlElement,
  options: StagedDiffOptions = {},
): StagedDiff {
  if (original === working) return { lines: [], hiddenObjects: 0 };
  const xml = options.xml === true;
  const linesMax = options.linesMax ?? Number.POSITIVE_INFINITY;
  const before = configurationObjects(original, !xml);
  const after = configurationObjects(working, !xml);
  const beforeConfiguration = firstChild(original, "configuration");
  const afterConfiguration = firstChild(working, "configuration");
  const lines: DiffLine[] = [];
  let hiddenObjects = 0;
  const print = (sign: DiffSign, text: () => string[]): void => {
    if (lines.length >= linesMax) hiddenObjects += 1;
    else lines.push(...signed(sign, text()));
  };
  for (const [key, object] of after) {
    const previous = before.get(key);
    if (previous === undefined) {
      print("+", () => objectLines(object, afterConfiguration, xml));
    } else if (previous !== object && !nodesEqual(previous, object)) {
      const text = objectLines(object, afterConfiguration, xml);
      const old = objectLines(previous, beforeConfiguration, xml);
      if (text.join("\n") !== old.join("\n")) print("~", () => text);
    }
  }
  for (const [key, object] of before) {
    if (!after.has(key)) print("-", () => objectLines(object, beforeConfiguration, xml));
  }
  return { lines, hiddenObjects };
}
