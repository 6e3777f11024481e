import { escapeAttribute, escapeText } from "../../backend/cib/index.js";
import { initInfoFields } from "../../backend/ra/index.js";

/** The LSB header fields Pacemaker copies into `<special tag="LSB">`, in its order. */
const specialFields = [
  "Provides",
  "Required-Start",
  "Required-Stop",
  "Should-Start",
  "Should-Stop",
  "Default-Start",
  "Default-Stop",
];

function actionsXml(timeoutSeconds: number): string {
  const actions: [string, string][] = [
    ["meta-data", "5"],
    ["start", String(timeoutSeconds)],
    ["stop", String(timeoutSeconds)],
    ["status", String(timeoutSeconds)],
    ["restart", String(timeoutSeconds)],
    ["force-reload", String(timeoutSeconds)],
  ];
  const lines = actions.map(
    ([name, timeout]) => `    <action name='${name}' timeout='${timeout}' />`,
  );
  const interval = String(timeoutSeconds);
  lines.push(`    <action name='monitor' timeout='${interval}' interval='${interval}' />`);
  return lines.join("\n");
}

function document(name: string, longdesc: string, shortdesc: string, special: string): string {
  return [
    "<?xml version='1.0'?>",
    "<!DOCTYPE resource-agent SYSTEM 'ra-api-1.dtd'>",
    `<resource-agent name='${escapeAttribute(name)}' version='0.1'>`,
    "  <version>1.0</version>",
    `  <longdesc lang='en'>${escapeText(longdesc)}</longdesc>`,
    `  <shortdesc lang='en'>${escapeText(shortdesc)}</shortdesc>`,
    "  <parameters>",
    "  </parameters>",
    "  <actions>",
    actionsXml(15),
    "  </actions>",
    special,
    "</resource-agent>",
    "",
  ]
    .filter((line) => line !== "")
    .join("\n")
    .concat("\n");
}

/**
 * The meta-data Pacemaker makes up for an LSB init script (it runs no `meta-data` action):
 * descriptions from the INIT INFO header, the LSB actions with 15 s timeouts, and the header's
 * dependency fields under `<special tag='LSB'>`.
 */
export function lsbMetadataXml(name: string, script: string): string {
  const fields = initInfoFields(script);
  const special = [
    "  <special tag='LSB'>",
    ...specialFields.map(
      (field) => `    <${field}>${escapeText(fields.get(field) ?? "")}</${field}>`,
    ),
    "  </special>",
  ].join("\n");
  const longdesc = (fields.get("Description") ?? name).trim();
  return document(name, longdesc, fields.get("Short-Description") ?? name, special);
}

/** The meta-data made up for a systemd unit: its name and the service actions. */
export function systemdMetadataXml(unit: string): string {
  return document(unit, `Cluster controlled ${unit}`, unit, "");
}
