import { cloneNode, element, type XmlElement, type XmlNode } from "./xml-node.js";
import { cibDigest } from "./diff-digest.js";
import type { AttributeChange, PatchChange, Patchset } from "./diff-patchset.js";
import { cibVersion } from "./diff-versions.js";
import { pathSegment } from "./diff-path.js";

/**
 * Pacemaker v2 patchset between two CIB trees, in Pacemaker's order: every deletion first,
 * then a walk of the new tree in document order where each element gets its `modify`, then
 * its children's changes, then its own `move`; new elements are `create`d whole. Elements
 * match by tag and id (an id-less element by tag and occurrence). Comments match only where
 * they stay in place; the others are created anew and the old ones deleted by position.
 * Without `digest` the patchset carries no digest of the result (a client that reads the CIB
 * through ACLs cannot know the whole result's digest; the node that applies it adds its own).
 */
export function diffCib(
  before: XmlElement,
  after: XmlElement,
  options: { readonly digest?: boolean } = {},
): Patchset {
  const deletes: PatchChange[] = [];
  const rest: PatchChange[] = [];
  const rootPath = `/${pathSegment(after)}`;
  const verified: Verified = new Map();
  if (!sameTree(before, after, verified)) {
    collectDeletes(before, after, `/${pathSegment(before)}`, deletes, verified);
    walkMatched(before, after, rootPath, rest, verified);
  }
  const changes = [...deletes, ...rest];
  const versions = { source: cibVersion(before), target: cibVersion(after), changes };
  return options.digest === false ? versions : { ...versions, digest: cibDigest(after) };
}

/** Pairs (new element → old element) known to be identical subtrees: each is compared once. */
type Verified = Map<XmlElement, XmlElement>;

/**
 * True when the two subtrees are the same document (names, attributes in order, children): the
 * pair then needs no change, and the walk skips it. A shared subtree (a staged copy that kept
 * the original's unchanged objects) is recognised at once; a copied one in one allocation-free
 * pass, each equal pair remembered in `verified`.
 */
function sameTree(before: XmlElement, after: XmlElement, verified: Verified): boolean {
  if (before === after || verified.get(after) === before) return true;
  if (before.name !== after.name || before.children.length !== after.children.length) return false;
  const names = Object.keys(before.attributes);
  const afterNames = Object.keys(after.attributes);
  if (names.length !== afterNames.length) return false;
  for (let index = 0; index < names.length; index++) {
    const name = names[index] ?? "";
    if (name !== afterNames[index] || before.attributes[name] !== after.attributes[name]) {
      return false;
    }
  }
  for (let index = 0; index < before.children.length; index++) {
    const old = before.children[index];
    const now = after.children[index];
    if (old === undefined || now === undefined || old.kind !== now.kind) return false;
    if (old.kind === "element" && now.kind === "element") {
      if (!sameTree(old, now, verified)) return false;
    } else if (old.kind !== "element" && now.kind !== "element" && old.text !== now.text) {
      return false;
    }
  }
  verified.set(after, before);
  return true;
}

/** Children match by tag and id, an id-less child by tag and occurrence (as patchsets do). */
export function elementKeys(parent: XmlElement): Map<XmlElement, string> {
  const keys = new Map<XmlElement, string>();
  const occurrences = new Map<string, number>();
  for (const child of parent.children) {
    if (child.kind !== "element") continue;
    const id = child.attributes["id"];
    if (id !== undefined) {
      keys.set(child, `${child.name}\u0000${id}`);
      continue;
    }
    const count = occurrences.get(child.name) ?? 0;
    occurrences.set(child.name, count + 1);
    keys.set(child, `${child.name}\u0001${count}`);
  }
  return keys;
}

/** New child → matched old child, for the element children of a matched pair. */
function matchChildren(before: XmlElement, after: XmlElement): Map<XmlElement, XmlElement> {
  const oldByKey = new Map<string, XmlElement>();
  for (const [child, key] of elementKeys(before)) oldByKey.set(key, child);
  const matches = new Map<XmlElement, XmlElement>();
  for (const [child, key] of elementKeys(after)) {
    const old = oldByKey.get(key);
    if (old !== undefined) matches.set(child, old);
  }
  return matches;
}

function collectDeletes(
  before: XmlElement,
  after: XmlElement,
  path: string,
  deletes: PatchChange[],
  verified: Verified,
): void {
  const matches = matchChildren(before, after);
  const matchedOld = new Set(matches.values());
  for (const child of before.children) {
    if (child.kind === "element" && !matchedOld.has(child)) {
      deletes.push({ kind: "delete", path: `${path}/${pathSegment(child)}` });
    }
  }
  for (const [newChild, oldChild] of matches) {
    if (sameTree(oldChild, newChild, verified)) continue;
    collectDeletes(oldChild, newChild, `${path}/${pathSegment(newChild)}`, deletes, verified);
  }
}

function attributeChanges(before: XmlElement, after: XmlElement): AttributeChange[] | undefined {
  const changes: AttributeChange[] = [];
  for (const [name, value] of Object.entries(after.attributes)) {
    if (before.attributes[name] !== value) changes.push({ name, operation: "set", value });
  }
  for (const name of Object.keys(before.attributes)) {
    if (!(name in after.attributes)) changes.push({ name, operation: "unset" });
  }
  const sameOrder =
    Object.keys(before.attributes).join("\u0000") === Object.keys(after.attributes).join("\u0000");
  return changes.length === 0 && sameOrder ? undefined : changes;
}

function sameAnonymous(a: XmlNode | undefined, b: XmlNode): boolean {
  return (
    a !== undefined &&
    a.kind === b.kind &&
    a.kind !== "element" &&
    b.kind !== "element" &&
    a.text === b.text
  );
}

/** Changes for a matched pair, replaying on a working copy of the old children exactly what
 * applying the patchset will do, so that positions are those the applier will see. */
function walkMatched(
  before: XmlElement,
  after: XmlElement,
  path: string,
  out: PatchChange[],
  verified: Verified,
): void {
  const changed = attributeChanges(before, after);
  if (changed !== undefined) {
    out.push({
      kind: "modify",
      path,
      attributes: changed,
      result: element(after.name, { ...after.attributes }),
    });
  }
  const matches = matchChildren(before, after);
  const matchedOld = new Set<XmlNode>(matches.values());
  const working = before.children.filter(
    (child) => child.kind !== "element" || matchedOld.has(child),
  );
  after.children.forEach((child, position) => {
    const old = child.kind === "element" ? matches.get(child) : undefined;
    if (old !== undefined && child.kind === "element") {
      const childPath = `${path}/${pathSegment(child)}`;
      if (!sameTree(old, child, verified)) walkMatched(old, child, childPath, out, verified);
      if (working[position] !== old) {
        working.splice(working.indexOf(old), 1);
        working.splice(position, 0, old);
        out.push({ kind: "move", path: childPath, position });
      }
    } else if (child.kind !== "element" && sameAnonymous(working[position], child)) {
      return;
    } else {
      working.splice(position, 0, child);
      out.push({ kind: "create", path, position, body: cloneNode(child) });
    }
  });
  for (let position = working.length - 1; position >= after.children.length; position -= 1) {
    const leftover = working[position];
    const step = leftover?.kind === "text" ? "text()" : "comment()";
    out.push({ kind: "delete", path: `${path}/${step}`, position });
  }
}
