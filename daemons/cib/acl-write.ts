import { fail, issue, ok, type Issue, type Result } from "../../backend/base/index.js";
import type { XmlElement, XmlNode } from "../../backend/cib/index.js";
import type { AclEntry, AclIdentity } from "./acl-rules.js";
import { aclEntriesFor, aclFlags, decides, isRestricted } from "./acl-rules.js";
import { pathSegment } from "./xpath.js";

export type AclIssueCode = "acl_denied";

/** Root attributes the CIB manager itself maintains on every write; users never set them. */
const managedRootAttributes = new Set([
  "epoch",
  "num_updates",
  "cib-last-written",
  "update-origin",
  "update-client",
  "update-user",
  "have-quorum",
  "dc-uuid",
  "crm_feature_set",
]);

/** Denials reported for one write at most. */
const deniedIssuesMax = 20;

/** The walk of one write: the permissions, flags on both documents, what was denied. */
class WriteCheck {
  readonly denied: Issue<AclIssueCode>[] = [];
  #beforeFlags: Map<XmlElement, number> | undefined;
  #afterFlags: Map<XmlElement, number> | undefined;

  constructor(
    readonly before: XmlElement,
    readonly after: XmlElement,
    readonly entries: readonly AclEntry[],
    readonly user: string,
  ) {}

  /** May the user write `chain`'s last element (the chain runs from the root down)? */
  writable(chain: readonly XmlElement[], created: boolean): boolean {
    const flags = created ? this.#flagsAfter() : this.#flagsBefore();
    for (let index = chain.length - 1; index >= 0; index--) {
      const node = chain[index];
      const decided = node === undefined ? undefined : decides(flags.get(node), "write");
      if (decided !== undefined) return decided;
    }
    return false;
  }

  deny(path: string, what: string): void {
    if (this.denied.length >= deniedIssuesMax) return;
    const message = `Permission denied: user "${this.user}" may not ${what} ${path}`;
    this.denied.push(issue("acl_denied", message, { path: [path] }));
  }

  #flagsBefore(): Map<XmlElement, number> {
    this.#beforeFlags ??= aclFlags(this.before, this.entries);
    return this.#beforeFlags;
  }

  #flagsAfter(): Map<XmlElement, number> {
    this.#afterFlags ??= aclFlags(this.after, this.entries);
    return this.#afterFlags;
  }
}

/**
 * Whether `identity` may turn `before` into `after`, as Pacemaker's ACLs judge a write: every
 * element whose attributes or text change, that is deleted or moved must be writable in
 * `before`; every created element must be writable in `after`, except scaffolding (an element
 * with no attribute but its id, outside the acls section). Writable means the nearest of the
 * element and its ancestors whose permissions decide grants write (deny wins; read alone does
 * not decide a write); nothing granted means denied. Permissions come from `before`'s ACLs,
 * so a write cannot grant itself rights. The version attributes the CIB manager keeps are
 * not the user's change.
 */
export function checkCibWrite(
  before: XmlElement,
  after: XmlElement,
  identity: AclIdentity,
): Result<void, AclIssueCode> {
  if (!isRestricted(identity)) return ok(undefined);
  const check = new WriteCheck(before, after, aclEntriesFor(before, identity), identity.user);
  compareElements(check, [before], [after], `/${pathSegment(after)}`);
  return check.denied.length === 0 ? ok(undefined) : fail(check.denied);
}

function changedAttributes(before: XmlElement, after: XmlElement, isRoot: boolean): string[] {
  const names = new Set([...Object.keys(before.attributes), ...Object.keys(after.attributes)]);
  return [...names].filter(
    (name) =>
      before.attributes[name] !== after.attributes[name] &&
      !(isRoot && managedRootAttributes.has(name)),
  );
}

function otherContent(node: XmlElement): string {
  return node.children
    .filter((child): child is Exclude<XmlNode, XmlElement> => child.kind !== "element")
    .map((child) => `${child.kind}:${child.text}`)
    .join("\u0000");
}

function compareElements(
  check: WriteCheck,
  beforeChain: readonly XmlElement[],
  afterChain: readonly XmlElement[],
  path: string,
): void {
  const before = beforeChain[beforeChain.length - 1];
  const after = afterChain[afterChain.length - 1];
  if (before === undefined || after === undefined) return;
  const changed = changedAttributes(before, after, beforeChain.length === 1);
  if (changed.length > 0 && !check.writable(beforeChain, false)) {
    check.deny(path, `change ${changed.map((name) => `"${name}"`).join(", ")} of`);
  }
  if (otherContent(before) !== otherContent(after) && !check.writable(beforeChain, false)) {
    check.deny(path, "change the text or comments of");
  }
  compareChildren(check, beforeChain, afterChain, path);
}

function compareChildren(
  check: WriteCheck,
  beforeChain: readonly XmlElement[],
  afterChain: readonly XmlElement[],
  path: string,
): void {
  const before = beforeChain[beforeChain.length - 1];
  const after = afterChain[afterChain.length - 1];
  if (before === undefined || after === undefined) return;
  const oldByKey = new Map<string, XmlElement>();
  for (const [child, key] of childKeys(before)) oldByKey.set(key, child);
  const matchedOrder: string[] = [];
  for (const [child, key] of childKeys(after)) {
    const childPath = `${path}/${pathSegment(child)}`;
    const old = oldByKey.get(key);
    if (old === undefined) {
      checkCreated(check, [...afterChain, child], childPath);
      continue;
    }
    oldByKey.delete(key);
    matchedOrder.push(key);
    compareElements(check, [...beforeChain, old], [...afterChain, child], childPath);
  }
  for (const old of oldByKey.values()) {
    if (!check.writable([...beforeChain, old], false))
      check.deny(`${path}/${pathSegment(old)}`, "delete");
  }
  checkMoves(check, beforeChain, matchedOrder, path);
}

/** Children that keep their place relative to each other are not moved; the others are. */
function checkMoves(
  check: WriteCheck,
  beforeChain: readonly XmlElement[],
  matchedOrder: readonly string[],
  path: string,
): void {
  const before = beforeChain[beforeChain.length - 1];
  if (before === undefined) return;
  const matched = new Set(matchedOrder);
  const oldOrder = [...childKeys(before)].filter(([, key]) => matched.has(key));
  oldOrder.forEach(([child, key], index) => {
    if (matchedOrder[index] === key || check.writable([...beforeChain, child], false)) return;
    check.deny(`${path}/${pathSegment(child)}`, "move");
  });
}

function checkCreated(check: WriteCheck, chain: readonly XmlElement[], path: string): void {
  const node = chain[chain.length - 1];
  if (node === undefined) return;
  const scaffolding =
    Object.keys(node.attributes).every((name) => name === "id") &&
    !chain.slice(0, -1).some((ancestor) => ancestor.name === "acls");
  if (!scaffolding && !check.writable(chain, true)) {
    check.deny(path, "create");
    return;
  }
  for (const child of node.children) {
    if (child.kind === "element")
      checkCreated(check, [...chain, child], `${path}/${pathSegment(child)}`);
  }
}

/** Children match by tag and id, an id-less child by tag and occurrence (as patchsets do). */
function childKeys(parent: XmlElement): Map<XmlElement, string> {
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
