import { fail, issue, ok, type Issue, type Result } from "../../backend/base/index.js";
import {
  pathSegment,
  elementKeys,
  type XmlElement,
  type XmlText,
} from "../../backend/cib/index.js";
import type { AclEntry, AclIdentity } from "./acl-rules.js";
import { aclEntriesFor, aclFlags, decides, isRestricted } from "./acl-rules.js";

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

/** An element and its ancestors, innermost first, as the walk descends (no copies). */
interface Chain {
  readonly node: XmlElement;
  readonly parent: Chain | undefined;
}

function pathOf(chain: Chain): string {
  const segments: string[] = [];
  for (let link: Chain | undefined = chain; link !== undefined; link = link.parent) {
    segments.push(pathSegment(link.node));
  }
  return `/${segments.reverse().join("/")}`;
}

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

  /** May the user write the chain's element (its own permissions first, then its ancestors')? */
  writable(chain: Chain, created: boolean): boolean {
    const flags = created ? this.#flagsAfter() : this.#flagsBefore();
    for (let link: Chain | undefined = chain; link !== undefined; link = link.parent) {
      const decided = decides(flags.get(link.node), "write");
      if (decided !== undefined) return decided;
    }
    return false;
  }

  deny(chain: Chain, what: string): void {
    if (this.denied.length >= deniedIssuesMax) return;
    const path = pathOf(chain);
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
  compareElements(check, { node: before, parent: undefined }, { node: after, parent: undefined });
  return check.denied.length === 0 ? ok(undefined) : fail(check.denied);
}

const noChanges: readonly string[] = [];

function changedAttributes(
  before: XmlElement,
  after: XmlElement,
  isRoot: boolean,
): readonly string[] {
  let changed: string[] | undefined;
  const note = (name: string): void => {
    if (isRoot && managedRootAttributes.has(name)) return;
    (changed ??= []).push(name);
  };
  for (const name in before.attributes) {
    if (before.attributes[name] !== after.attributes[name]) note(name);
  }
  for (const name in after.attributes) {
    if (before.attributes[name] === undefined) note(name);
  }
  return changed ?? noChanges;
}

/** Whether the text and comments (not the elements) of two elements differ. */
function otherContentDiffers(before: XmlElement, after: XmlElement): boolean {
  const left = before.children;
  const right = after.children;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < left.length && left[i]?.kind === "element") i++;
    while (j < right.length && right[j]?.kind === "element") j++;
    const a = left[i];
    const b = right[j];
    if (a === undefined || b === undefined) return a !== b;
    if (a.kind !== b.kind || (a as XmlText).text !== (b as XmlText).text) return true;
    i++;
    j++;
  }
}

function compareElements(check: WriteCheck, before: Chain, after: Chain): void {
  // A subtree the write left in place is the very same object (versions share them).
  if (before.node === after.node) return;
  const changed = changedAttributes(before.node, after.node, before.parent === undefined);
  if (changed.length > 0 && !check.writable(before, false)) {
    check.deny(after, `change ${changed.map((name) => `"${name}"`).join(", ")} of`);
  }
  if (otherContentDiffers(before.node, after.node) && !check.writable(before, false)) {
    check.deny(after, "change the text or comments of");
  }
  if (!pairByPosition(check, before, after)) compareChildren(check, before, after);
}

/** The common case: the same elements in the same places; true when it applied. */
function pairByPosition(check: WriteCheck, before: Chain, after: Chain): boolean {
  const left = before.node.children.filter((child) => child.kind === "element");
  const right = after.node.children.filter((child) => child.kind === "element");
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index++) {
    const a = left[index];
    const b = right[index];
    if (a?.name !== b?.name || a?.attributes["id"] !== b?.attributes["id"]) return false;
  }
  left.forEach((child, index) => {
    const other = right[index];
    if (other === undefined) return;
    compareElements(check, { node: child, parent: before }, { node: other, parent: after });
  });
  return true;
}

function compareChildren(check: WriteCheck, before: Chain, after: Chain): void {
  const oldByKey = new Map<string, XmlElement>();
  for (const [child, key] of elementKeys(before.node)) oldByKey.set(key, child);
  const matchedOrder: string[] = [];
  for (const [child, key] of elementKeys(after.node)) {
    const old = oldByKey.get(key);
    if (old === undefined) {
      checkCreated(check, { node: child, parent: after });
      continue;
    }
    oldByKey.delete(key);
    matchedOrder.push(key);
    compareElements(check, { node: old, parent: before }, { node: child, parent: after });
  }
  for (const old of oldByKey.values()) {
    const chain = { node: old, parent: before };
    if (!check.writable(chain, false)) check.deny(chain, "delete");
  }
  checkMoves(check, before, matchedOrder);
}

/** Children that keep their place relative to each other are not moved; the others are. */
function checkMoves(check: WriteCheck, before: Chain, matchedOrder: readonly string[]): void {
  const matched = new Set(matchedOrder);
  const oldOrder = [...elementKeys(before.node)].filter(([, key]) => matched.has(key));
  oldOrder.forEach(([child, key], index) => {
    const chain = { node: child, parent: before };
    if (matchedOrder[index] === key || check.writable(chain, false)) return;
    check.deny(chain, "move");
  });
}

function insideAcls(chain: Chain): boolean {
  for (let link = chain.parent; link !== undefined; link = link.parent) {
    if (link.node.name === "acls") return true;
  }
  return false;
}

function checkCreated(check: WriteCheck, chain: Chain): void {
  const node = chain.node;
  const scaffolding =
    Object.keys(node.attributes).every((name) => name === "id") && !insideAcls(chain);
  if (!scaffolding && !check.writable(chain, true)) {
    check.deny(chain, "create");
    return;
  }
  for (const child of node.children) {
    if (child.kind === "element") checkCreated(check, { node: child, parent: chain });
  }
}
