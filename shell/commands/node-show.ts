import { configuredNodes, nodeStates } from "../../backend/admin/index.js";
import type { Result } from "../../backend/base/index.js";
import { ok } from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { childElements, element, writeXml } from "../../backend/cib/index.js";
import { sortNatural } from "../render/status/index.js";

/** crmsh's attribute list text: `name=value`, quoting values with spaces. */
function nvpairText(set: XmlElement): string {
  return childElements(set, "nvpair")
    .map((pair) => {
      const value = pair.attributes["value"] ?? "";
      return `${pair.attributes["name"] ?? ""}=${/[\s"]/.test(value) ? JSON.stringify(value) : value}`;
    })
    .join(" ");
}

/** One node as crmsh's `node show` prints it: `uname(id): type`, other attributes, sets. */
function nodeLines(node: XmlElement, offline: boolean): string[] {
  const { id = "", uname = "", type = "member", ...other } = node.attributes;
  const heading = uname === id ? uname : `${uname}(${id})`;
  return [
    `${heading}: ${type}${offline ? "(offline)" : ""}`,
    ...Object.entries(other).map(([name, value]) => `\t${name}: ${value}`),
    ...childElements(node, "instance_attributes").map((set) => `\t${nvpairText(set)}`),
  ];
}

/** `crm node show [NODE]`: configured nodes (or only seen ones), by name. */
export function showNodes(cib: XmlElement, only: string | undefined): Result<readonly string[]> {
  const configured = configuredNodes(cib);
  const states = nodeStates(cib);
  const names = sortNatural([
    ...new Set([...configured, ...states].map((node) => node.attributes["uname"] ?? "")),
  ]).filter((name) => name !== "" && (only === undefined || name === only));
  return ok(
    names.flatMap((name) => {
      const xml = configured.find((node) => node.attributes["uname"] === name);
      const state = states.find((node) => node.attributes["uname"] === name);
      const offline = state?.attributes["crmd"] === "offline";
      const shown = xml ?? state;
      return shown === undefined ? [] : nodeLines(shown, offline);
    }),
  );
}

/** `crm node status [NODE]`: the nodes section as XML (crmsh prints cibadmin -Ql -o nodes). */
export function nodesXml(cib: XmlElement, only: string | undefined): Result<readonly string[]> {
  const nodes = configuredNodes(cib).filter(
    (node) => only === undefined || node.attributes["uname"] === only,
  );
  return ok(
    writeXml(element("nodes", {}, nodes))
      .trimEnd()
      .split("\n"),
  );
}
