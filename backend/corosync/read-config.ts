import { fail, isError, ok } from "../base/index.js";
import type { Result } from "../base/index.js";
import type { CorosyncConfig, NodeConfig, TotemConfig } from "./config.js";
import { configIssue } from "./fields.js";
import type { ConfigIssue } from "./fields.js";
import { readLogging, readNodelist, readQuorum, readTotem } from "./read-sections.js";
import type { ReadContext } from "./read-sections.js";
import { parseConfSyntax } from "./syntax.js";
import type { ConfSection, SyntaxIssue } from "./syntax.js";

export type CorosyncIssue = ConfigIssue | SyntaxIssue;

const topSections = new Set(["totem", "nodelist", "quorum", "logging"]);
const toleratedTop = new Set(["system", "resources", "uidgid", "qb", "nozzle"]);

function single(root: ConfSection, name: string, context: ReadContext): ConfSection | undefined {
  const found = root.sections.filter((section) => section.name === name);
  for (const extra of found.slice(1)) {
    const where = { file: context.file, line: extra.line };
    context.issues.push(configIssue("duplicate_key", `Section "${name}" appears twice`, where));
  }
  return found[0];
}

function checkTop(root: ConfSection, context: ReadContext): void {
  for (const entry of root.entries) {
    const where = { file: context.file, line: entry.line };
    context.issues.push(
      configIssue("unknown_key", `Key "${entry.key}" outside any section`, where),
    );
  }
  for (const section of root.sections) {
    if (topSections.has(section.name)) continue;
    const where = { file: context.file, line: section.line };
    const message = toleratedTop.has(section.name)
      ? `Section "${section.name}" is not used by quorated and is ignored`
      : `Unknown section "${section.name}"`;
    const severity = toleratedTop.has(section.name) ? "warning" : "error";
    context.issues.push(configIssue("unknown_section", message, where, severity));
  }
}

function checkNodelist(nodes: readonly NodeConfig[], line: number, context: ReadContext): void {
  const where = { file: context.file, line };
  const report = (message: string): void => {
    context.issues.push(configIssue("bad_nodelist", message, where));
  };
  if (nodes.length === 0) report("The nodelist has no node");
  const ids = new Set<number>();
  const names = new Set<string>();
  for (const node of nodes) {
    if (node.nodeid !== undefined && ids.has(node.nodeid)) {
      report(`Nodeid ${node.nodeid} is used twice`);
    }
    if (node.name !== undefined && names.has(node.name)) {
      report(`Node name "${node.name}" is used twice`);
    }
    if (node.nodeid !== undefined) ids.add(node.nodeid);
    if (node.name !== undefined) names.add(node.name);
  }
  const linkCounts = new Set(nodes.map((node) => node.ringAddresses.length));
  const holes = nodes.some((node) => node.ringAddresses.includes(undefined));
  if (linkCounts.size > 1 || holes) report("Not all nodes have the same number of links");
}

function checkTotem(totem: TotemConfig, line: number, context: ReadContext): void {
  const where = { file: context.file, line };
  if (totem.cryptoCipher !== "none" && totem.cryptoHash === "none") {
    context.issues.push(configIssue("bad_value", "crypto_cipher requires crypto_hash", where));
  }
  const links = totem.interfaces.map((entry) => entry.linknumber);
  if (new Set(links).size !== links.length) {
    context.issues.push(
      configIssue("bad_value", "Two interface sections have the same linknumber", where),
    );
  }
  if (
    totem.consensusMs !== undefined &&
    totem.tokenMs !== undefined &&
    totem.consensusMs < 1.2 * totem.tokenMs
  ) {
    context.issues.push(
      configIssue(
        "bad_value",
        `consensus (${totem.consensusMs} ms) must be at least 1.2 * token (${1.2 * totem.tokenMs} ms)`,
        where,
      ),
    );
  }
}

/**
 * Reads corosync.conf text into a typed config. Unknown keys and sections, bad values and a
 * missing totem or nodelist are errors; every issue names `file:line`.
 */
export function readCorosyncConfig(
  text: string,
  file = "corosync.conf",
): Result<CorosyncConfig, CorosyncIssue["code"]> {
  const syntax = parseConfSyntax(text, file);
  const issues: CorosyncIssue[] = [...syntax.issues];
  const context: ReadContext = { file, issues: issues as ConfigIssue[] };
  const root = syntax.root;
  checkTop(root, context);
  const totemSection = single(root, "totem", context);
  const nodelistSection = single(root, "nodelist", context);
  const empty: ConfSection = { name: "", line: 1, entries: [], sections: [] };
  if (totemSection === undefined) {
    issues.push(configIssue("missing_key", `Section "totem" is missing`, { file, line: 1 }));
  }
  const totem = readTotem(totemSection ?? empty, context);
  checkTotem(totem, totemSection?.line ?? 1, context);
  if (nodelistSection === undefined && totem.transport !== "udp") {
    const message = `Section "nodelist" is missing (the ${totem.transport} transport needs one)`;
    issues.push(configIssue("missing_key", message, { file, line: 1 }));
  }
  const nodes = readNodelist(nodelistSection ?? empty, context, totem.transport);
  if (nodelistSection !== undefined) checkNodelist(nodes, nodelistSection.line, context);
  const quorum = readQuorum(single(root, "quorum", context) ?? empty, context);
  const logging = readLogging(single(root, "logging", context), context);
  if (issues.some(isError)) return fail(issues);
  return ok({ file, totem, nodes, quorum, logging }, issues);
}
