/**
 * crm_mon (one-shot) and `crm status` on a CIB: Pacemaker's text layout or its XML. Here the CIB
 * comes from the file named by CIB_file; shell/live-monitor.ts reads a running cluster's.
 */
import type { XmlElement } from "../../backend/cib/index.js";
import { readXml } from "../../backend/cib/index.js";
import { unpackCluster } from "../../daemons/scheduler/index.js";
import type { MonitorOptions } from "./options.js";
import { parseMonitorArguments } from "./options.js";
import { renderMonitorText } from "./text.js";
import { renderMonitorXml } from "./xml.js";

export type { MonitorOptions } from "./options.js";
export { parseMonitorArguments } from "./options.js";
export { renderMonitorText, monitorSections, type MonitorInput } from "./text.js";
export { renderMonitorXml } from "./xml.js";
export { collectFailedActions, failedActionText, type FailedAction } from "./failures.js";
export { clusterSummary, summaryLines, type ClusterSummary } from "./summary.js";
export { liveClusterCib, stackOfProvider } from "./live-cluster-cib.js";

export interface MonitorEnvironment {
  /** The CIB file (CIB_file), when set. */
  readonly cibFile: string | undefined;
  readonly readFile: (path: string) => { ok: true; value: string } | { ok: false; message: string };
  /** Wall clock in epoch seconds, for "Last updated". */
  readonly wallClock: () => number;
}

export interface MonitorOutcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Pacemaker's exit codes used here. */
export const monitorExitCodes = { ok: 0, usage: 64, dataError: 65, unavailable: 69 } as const;

const usage = `Usage: crm_mon -1 [-r] [-f] [-A] [-n] [-o] [-t] [--output-as=text|xml]
Reads the CIB from CIB_file, else from the cluster CRM_CLUSTER names (or CRM_BACKEND=pacemaker).
`;

function failure(message: string, exitCode: number): MonitorOutcome {
  return { stdout: "", stderr: `crm_mon: ${message}\n`, exitCode };
}

/**
 * crm_mon evaluates rules at the wall clock, not at the `execution-date` a saved CIB may carry
 * (that is crm_simulate's): the attribute is left out of the scheduler's view.
 */
function withoutExecutionDate(cib: XmlElement): XmlElement {
  if (cib.attributes["execution-date"] === undefined) return cib;
  const attributes = { ...cib.attributes };
  delete attributes["execution-date"];
  return { ...cib, attributes };
}

/** The output for a CIB already read (also what `crm status` prints). */
export function renderMonitor(
  cib: XmlElement,
  options: MonitorOptions,
  now: number,
  request: string,
): MonitorOutcome {
  const model = unpackCluster(withoutExecutionDate(cib), { now: String(now) });
  if (!model.ok) {
    return failure(model.issues.map((item) => item.message).join("\n"), monitorExitCodes.dataError);
  }
  const input = { cib, model: model.value, now };
  const stdout =
    options.outputAs === "xml"
      ? renderMonitorXml(input, options, request)
      : renderMonitorText(input, options);
  return { stdout, stderr: "", exitCode: monitorExitCodes.ok };
}

/** crm_mon with its arguments (without the program name). */
export function runCrmMon(
  args: readonly string[],
  environment: MonitorEnvironment,
): MonitorOutcome {
  const parsed = parseMonitorArguments(args);
  if (!parsed.ok) {
    const message = parsed.issues.map((item) => item.message).join("\n");
    return {
      stdout: "",
      stderr: `crm_mon: ${message}\n${usage}`,
      exitCode: monitorExitCodes.usage,
    };
  }
  if (parsed.value.help) return { stdout: usage, stderr: "", exitCode: monitorExitCodes.ok };
  if (environment.cibFile === undefined) {
    return failure(
      "no CIB to show: set CIB_file=FILE, CRM_CLUSTER=DIR|ws://HOST:PORT or CRM_BACKEND=pacemaker",
      monitorExitCodes.unavailable,
    );
  }
  const text = environment.readFile(environment.cibFile);
  if (!text.ok) return failure(text.message, monitorExitCodes.unavailable);
  const cib = readXml(text.value);
  if (!cib.ok) {
    const message = cib.issues.map((item) => item.message).join("\n");
    return failure(`${environment.cibFile}: ${message}`, monitorExitCodes.dataError);
  }
  const request = ["crm_mon", ...args].join(" ");
  return renderMonitor(cib.value, parsed.value, environment.wallClock(), request);
}

const statusWords: Readonly<Record<string, string>> = {
  bynode: "-n",
  inactive: "-r",
  ops: "-o",
  timing: "-t",
  failcounts: "-f",
  xml: "--output-as=xml",
};

/**
 * `crm status [bynode|inactive|ops|timing|failcounts|xml]`: crmsh runs `crm_mon -1` with the
 * matching options; unknown words are reported as crm_mon's unknown options.
 */
export function crmStatus(
  words: readonly string[],
  environment: MonitorEnvironment,
): MonitorOutcome {
  return runCrmMon(statusArguments(words), environment);
}

/** The crm_mon arguments `crm status WORDS…` stands for. */
export function statusArguments(words: readonly string[]): string[] {
  return ["-1", ...words.map((word) => statusWords[word] ?? word)];
}
