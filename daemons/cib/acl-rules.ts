import { childElements, firstChild, type XmlElement } from "../../backend/cib/index.js";
import { selectElements } from "./acl-xpath-eval.js";
import { parseXpath, type XpathExpression } from "./acl-xpath-parse.js";

/**
 * Who the CIB's ACLs judge. `unrestricted` (root, the local client token, the cluster's own
 * daemons) bypasses them; `groups` are the user's groups (an acl_group applies to members).
 * The client channel's ClientIdentity has this shape.
 */
export interface AclIdentity {
  readonly user: string;
  readonly unrestricted: boolean;
  readonly groups?: readonly string[];
}

export type AclMode = "read" | "write" | "deny";

/** One permission that applies to the user, as the xpath Pacemaker derives from it. */
export interface AclEntry {
  readonly mode: AclMode;
  readonly xpath: string;
  readonly expression: XpathExpression | undefined;
  readonly permission: string;
}

/** Users the ACLs never restrict, as Pacemaker treats them (privileged accounts). */
export const privilegedUsers: readonly string[] = ["root", "hacluster"];

/**
 * The xpath a permission stands for, as Pacemaker builds it: its `xpath`; else
 * `//object-type[@id='reference' and @attribute]` with `*` for a missing object type.
 */
export function permissionXpath(permission: XmlElement): string | undefined {
  const { xpath, reference } = permission.attributes;
  const tag = permission.attributes["object-type"];
  const attribute = permission.attributes["attribute"];
  if (xpath !== undefined) return xpath;
  if (tag === undefined && reference === undefined) return undefined;
  const base = `//${tag ?? "*"}`;
  if (reference !== undefined && attribute !== undefined)
    return `${base}[@id='${reference}' and @${attribute}]`;
  if (reference !== undefined) return `${base}[@id='${reference}']`;
  if (attribute !== undefined) return `${base}[@${attribute}]`;
  return base;
}

function permissionEntry(permission: XmlElement): AclEntry | undefined {
  const kind = permission.attributes["kind"];
  if (kind !== "read" && kind !== "write" && kind !== "deny") return undefined;
  const xpath = permissionXpath(permission);
  if (xpath === undefined) return undefined;
  const parsed = parseXpath(xpath);
  return {
    mode: kind,
    xpath,
    expression: parsed.ok ? parsed.value : undefined,
    permission: permission.attributes["id"] ?? "",
  };
}

function roleEntries(acls: XmlElement, roleId: string): AclEntry[] {
  const role = childElements(acls, "acl_role").find(
    (candidate) => candidate.attributes["id"] === roleId,
  );
  if (role === undefined) return [];
  return childElements(role, "acl_permission").flatMap(
    (permission) => permissionEntry(permission) ?? [],
  );
}

/** A target's or group's roles (and, as older CIBs have them, its own permissions), in order. */
function holderEntries(acls: XmlElement, holder: XmlElement): AclEntry[] {
  const entries: AclEntry[] = [];
  for (const child of childElements(holder)) {
    if (child.name === "role") entries.push(...roleEntries(acls, child.attributes["id"] ?? ""));
    else if (child.name === "acl_permission") {
      const entry = permissionEntry(child);
      if (entry !== undefined) entries.push(entry);
    }
  }
  return entries;
}

export function aclsSection(cib: XmlElement): XmlElement | undefined {
  const configuration = firstChild(cib, "configuration");
  return configuration === undefined ? undefined : firstChild(configuration, "acls");
}

/**
 * The permissions that apply to a user, from the CIB's acls section: every acl_target whose
 * `name` (else `id`) is the user and every acl_group whose `name` (else `id`) is one of the
 * user's groups, in document order.
 */
export function aclEntriesFor(cib: XmlElement, identity: AclIdentity): AclEntry[] {
  const acls = aclsSection(cib);
  if (acls === undefined) return [];
  const groups = identity.groups ?? [];
  const entries: AclEntry[] = [];
  for (const holder of childElements(acls)) {
    const name = holder.attributes["name"] ?? holder.attributes["id"];
    if (name === undefined) continue;
    const applies =
      (holder.name === "acl_target" && name === identity.user) ||
      (holder.name === "acl_group" && groups.includes(name));
    if (applies) entries.push(...holderEntries(acls, holder));
  }
  return entries;
}

export function isRestricted(identity: AclIdentity): boolean {
  return !identity.unrestricted && !privilegedUsers.includes(identity.user);
}

const modeBits: Record<AclMode, number> = { read: 1, write: 2, deny: 4 };

/** The modes each element of `root`'s document was given directly by the entries. */
export function aclFlags(root: XmlElement, entries: readonly AclEntry[]): Map<XmlElement, number> {
  const flags = new Map<XmlElement, number>();
  for (const entry of entries) {
    if (entry.expression === undefined) continue;
    for (const element of selectElements(root, entry.expression)) {
      flags.set(element, (flags.get(element) ?? 0) | modeBits[entry.mode]);
    }
  }
  return flags;
}

/**
 * Whether a node's own flags decide an access: deny decides "no"; write grants read and
 * write; read grants read. Undefined when they do not decide and the parent's are asked.
 */
export function decides(flags: number | undefined, mode: "read" | "write"): boolean | undefined {
  if (flags === undefined || flags === 0) return undefined;
  if ((flags & modeBits.deny) !== 0) return false;
  if ((flags & modeBits.write) !== 0) return true;
  return mode === "read" ? true : undefined;
}

/** Pacemaker's crm_is_true(): the words a boolean option takes for true. */
function isTrue(value: string | undefined): boolean {
  return (
    value !== undefined && ["true", "on", "yes", "y", "1"].includes(value.trim().toLowerCase())
  );
}

/**
 * Whether the cluster option `enable-acl` is true in this CIB (crm_config; default false):
 * Pacemaker enforces the ACLs only then, and otherwise lets every cluster user read and write
 * everything. The option's first value counts, `cib-bootstrap-options` first, as crm_config
 * is read.
 */
export function aclsEnabled(cib: XmlElement): boolean {
  const configuration = firstChild(cib, "configuration");
  const options = configuration === undefined ? undefined : firstChild(configuration, "crm_config");
  if (options === undefined) return false;
  const sets = childElements(options, "cluster_property_set");
  const ordered = [
    ...sets.filter((set) => set.attributes["id"] === "cib-bootstrap-options"),
    ...sets.filter((set) => set.attributes["id"] !== "cib-bootstrap-options"),
  ];
  for (const set of ordered) {
    const entry = childElements(set, "nvpair").find(
      (nvpair) => nvpair.attributes["name"] === "enable-acl",
    );
    if (entry !== undefined) return isTrue(entry.attributes["value"]);
  }
  return false;
}
