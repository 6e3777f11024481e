import type { Issue } from "../../base/index.js";
import { issue } from "../../base/index.js";
import type { XmlElement } from "../../cib/index.js";

/**
 * On a CIB whose schema predates pacemaker-3.7, crmsh 4.4 reads the roles Promoted and
 * Unpromoted back as Master and Slave (with a warning each time), so objects holding them
 * no longer round-trip and print as xml.
 */
export function schemaPredatesPromoted(validateWith: string | undefined): boolean {
  const version = /^pacemaker-(\d+)\.(\d+)/.exec(validateWith ?? "");
  if (version === null) return false;
  const [major, minor] = [Number(version[1]), Number(version[2])];
  return major < 3 || (major === 3 && minor < 7);
}

const legacyNames: Readonly<Record<string, string>> = { Promoted: "Master", Unpromoted: "Slave" };
const roleAttributes = ["role", "rsc-role", "with-rsc-role"];

function convertedRoles(element: XmlElement, found: string[]): void {
  for (const name of roleAttributes) {
    const value = element.attributes[name];
    if (value !== undefined && value in legacyNames) found.push(value);
  }
  const { name, value } = element.attributes;
  const isRoleNvpair = element.name === "nvpair" && (name === "role" || name === "target-role");
  if (isRoleNvpair && value !== undefined && value in legacyNames) found.push(value);
  for (const child of element.children) if (child.kind === "element") convertedRoles(child, found);
}

/** The warnings crmsh prints while re-reading an object whose roles it would convert. */
export function legacyRoleWarnings(element: XmlElement): Issue<"legacy_role">[] {
  const found: string[] = [];
  convertedRoles(element, found);
  return found.map((role) =>
    issue(
      "legacy_role",
      `Convert "${role}" to "${String(legacyNames[role])}" since the current schema version is ` +
        `old and not upgraded yet. Please consider "crm configure upgrade force"`,
      { severity: "warning" },
    ),
  );
}
