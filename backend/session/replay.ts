import type { Result } from "../base/index.js";
import { fail, issue, ok } from "../base/index.js";
import type { XmlElement, XmlNode } from "../cib/index.js";
import { childElements, cloneNode, element, firstChild, nodesEqual } from "../cib/index.js";
import type { SessionCode } from "./backend.js";

/** Objects of a section by key: their id, else tag and position (`cluster_property_set#0`). */
function objectsByKey(section: XmlElement | undefined): Map<string, XmlElement> {
  const objects = new Map<string, XmlElement>();
  if (section === undefined) return objects;
  const seen = new Map<string, number>();
  for (const child of childElements(section)) {
    const id = child.attributes["id"];
    const index = seen.get(child.name) ?? 0;
    seen.set(child.name, index + 1);
    objects.set(id ?? `${child.name}#${index}`, child);
  }
  return objects;
}

function same(left: XmlElement | undefined, right: XmlElement | undefined): boolean {
  if (left === undefined || right === undefined) return left === right;
  return nodesEqual(left, right);
}

interface SectionReplay {
  readonly original: XmlElement | undefined;
  readonly working: XmlElement | undefined;
  readonly current: XmlElement;
  /** `mine`: an object both changed takes the staged form instead of being a conflict. */
  readonly prefer: "none" | "mine";
}

function sameAttributes(left: XmlElement, right: XmlElement): boolean {
  const keys = Object.keys(left.attributes);
  return (
    keys.length === Object.keys(right.attributes).length &&
    keys.every((key) => left.attributes[key] === right.attributes[key])
  );
}

/**
 * Both sides changed one object: merge inside it, as a patch would, when the changes touch
 * different attributes sets or nvpairs (the DC adding dc-version to cib-bootstrap-options
 * while this session sets stonith-enabled). `theirs` is changed in place; returns the keys
 * of the children both changed differently (the element itself, `.`, for its attributes).
 */
function mergeInside(base: XmlElement, mine: XmlElement, theirs: XmlElement): string[] {
  if (base.name !== mine.name || base.name !== theirs.name) return ["."];
  if (!sameAttributes(mine, base)) {
    if (!sameAttributes(theirs, base) && !sameAttributes(theirs, mine)) return ["."];
    theirs.attributes = { ...mine.attributes };
  }
  return replaySection({ original: base, working: mine, current: theirs, prefer: "none" });
}

/** Replays one section's object changes onto the current section; returns conflicting keys. */
function replaySection(replay: SectionReplay): string[] {
  const before = objectsByKey(replay.original);
  const after = objectsByKey(replay.working);
  const now = objectsByKey(replay.current);
  const conflicts: string[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const mine = after.get(key);
    const base = before.get(key);
    if (same(base, mine)) continue;
    const theirs = now.get(key);
    if (!same(theirs, base) && !same(theirs, mine) && replay.prefer === "none") {
      if (base === undefined || mine === undefined || theirs === undefined) conflicts.push(key);
      else conflicts.push(...mergeInside(base, mine, theirs).map((inner) => `${key}/${inner}`));
      continue;
    }
    const children: XmlNode[] = replay.current.children;
    const index = theirs === undefined ? -1 : children.indexOf(theirs);
    if (mine === undefined) {
      if (index >= 0) children.splice(index, 1);
    } else if (index >= 0) {
      children[index] = cloneNode(mine);
    } else {
      children.push(cloneNode(mine));
    }
  }
  return conflicts;
}

function sectionsOf(cib: XmlElement | undefined): string[] {
  return cib === undefined ? [] : childElements(cib).map((child) => child.name);
}

/**
 * Replays the staged changes (original → working) on a newer CIB, object by object (an
 * object is a child of a configuration section, or a node's status): objects only this session
 * changed take their staged form; an object both changed differently is a conflict and nothing
 * is replayed. This is how staged changes survive a commit that lost a race.
 */
export function replayChanges(
  original: XmlElement,
  working: XmlElement,
  current: XmlElement,
  prefer: "none" | "mine" = "none",
): Result<XmlElement, SessionCode> {
  const result = cloneNode(current);
  const configuration = (cib: XmlElement): XmlElement | undefined =>
    firstChild(cib, "configuration");
  const target = firstChild(result, "configuration") ?? element("configuration");
  if (!result.children.includes(target)) result.children.push(target);
  const conflicts: string[] = [];
  const names = new Set([
    ...sectionsOf(configuration(original)),
    ...sectionsOf(configuration(working)),
  ]);
  for (const name of names) {
    const section = firstChild(target, name) ?? element(name);
    if (!target.children.includes(section)) target.children.push(section);
    const pick = (cib: XmlElement): XmlElement | undefined => {
      const found = configuration(cib);
      return found === undefined ? undefined : firstChild(found, name);
    };
    conflicts.push(
      ...replaySection({
        original: pick(original),
        working: pick(working),
        current: section,
        prefer,
      }),
    );
  }
  const status = firstChild(result, "status") ?? element("status");
  if (!result.children.includes(status)) result.children.push(status);
  conflicts.push(
    ...replaySection({
      original: firstChild(original, "status"),
      working: firstChild(working, "status"),
      current: status,
      prefer,
    }),
  );
  if (conflicts.length > 0) {
    const list = conflicts.map((key) => `"${key}"`).join(", ");
    return fail([
      issue<SessionCode>(
        "replay_conflict",
        `Cannot replay the staged changes: ${list} changed in the CIB too`,
        {
          suggestion: "your changes stay staged; run refresh again to drop them and reread the CIB",
        },
      ),
    ]);
  }
  return ok(result);
}
