/** crm_mon's text layout: summary, nodes, resources and the sections the flags ask for. */
import type { XmlElement } from "../../backend/cib/index.js";
import type { ClusterModel } from "../../daemons/scheduler/index.js";
import type { ListItem } from "../render/status/index.js";
import { listItem, renderTree, statusSections } from "../render/status/index.js";
import { inactiveResources, nodesWithResources } from "./by-node.js";
import { listedFailures } from "./failure-expiry.js";
import { failedActionText } from "./failures.js";
import { migrationSummarySection, nodeAttributesSection } from "./node-sections.js";
import { operationsSection } from "./operations.js";
import type { MonitorOptions } from "./options.js";
import { clusterSummary, summaryLines } from "./summary.js";

export interface MonitorInput {
  readonly cib: XmlElement;
  readonly model: ClusterModel;
  /** Wall clock (epoch seconds) for "Last updated". */
  readonly now: number;
}

function withSpacer(item: ListItem): ListItem {
  return { ...item, spacer: true };
}

/** Pacemaker's banner under the summary when resource management is off. */
function maintenanceBanner(model: MonitorInput["model"]): ListItem[] {
  if (model.options.maintenanceMode) {
    return [
      { text: "              *** Resource management is DISABLED ***", spacer: true },
      listItem("  The cluster will not attempt to start, stop or recover services"),
    ];
  }
  if (model.options.stopAllResources) {
    return [
      { text: "    *** Resource management is DISABLED ***", spacer: true },
      listItem("  The cluster will keep all resources stopped"),
    ];
  }
  return [];
}

export function monitorSections(input: MonitorInput, options: MonitorOptions): ListItem[] {
  const { cib, model } = input;
  const summary = clusterSummary(cib, model);
  const sections: ListItem[] = [
    listItem(
      "Cluster Summary",
      summaryLines(summary, input.now).map((line) => listItem(line)),
    ),
  ];
  sections.push(...maintenanceBanner(model));
  if (options.groupByNode) {
    const nodes = nodesWithResources(cib, model);
    if (nodes !== undefined) sections.push(withSpacer(nodes));
    if (options.inactive) sections.push(withSpacer(inactiveResources(model)));
  } else {
    for (const section of statusSections(model, { showInactive: options.inactive }))
      sections.push(withSpacer(section));
  }
  const attributes = options.nodeAttributes ? nodeAttributesSection(model) : undefined;
  if (attributes !== undefined) sections.push(withSpacer(attributes));
  // Operations include the fail counts, so -o replaces -f's "Migration Summary".
  const history = options.operations
    ? operationsSection(cib, model, options.timing)
    : options.failCounts
      ? migrationSummarySection(cib, model)
      : undefined;
  if (history !== undefined) sections.push(withSpacer(history));
  const failures = listedFailures(cib, model);
  if (failures.length > 0) {
    const items = failures.map((failure) => listItem(failedActionText(failure)));
    sections.push(withSpacer(listItem("Failed Resource Actions", items)));
  }
  return sections;
}

/** The whole text output, each line ending in a newline. */
export function renderMonitorText(input: MonitorInput, options: MonitorOptions): string {
  const lines = monitorSections(input, options).flatMap((section) => renderTree(section));
  return `${lines.join("\n")}\n`;
}
