import type { Issue, Result } from "../backend/base/index.js";
import { fail, ok } from "../backend/base/index.js";
import type { XmlElement } from "../backend/cib/index.js";
import { ClientError, fetchQuorumStatus, resolveClusterTarget } from "../backend/client/index.js";
import { selectCibBackend } from "./context.js";
import type { MonitorOutcome } from "./monitor/index.js";
import {
  liveClusterCib,
  monitorExitCodes,
  parseMonitorArguments,
  renderMonitor,
} from "./monitor/index.js";

type Environment = Readonly<Record<string, string | undefined>>;

/** True when crm_mon and crm status should read a running cluster rather than CIB_file. */
export function usesLiveCluster(environment: Environment): boolean {
  const file = environment["CIB_file"];
  if (file !== undefined && file !== "") return false;
  const cluster = environment["CRM_CLUSTER"];
  return environment["CRM_BACKEND"] === "pacemaker" || (cluster !== undefined && cluster !== "");
}

/** The CIB to show: read through the selected backend; on quorated joined with the membership. */
async function statusCib(environment: Environment): Promise<Result<XmlElement>> {
  const backend = selectCibBackend(environment);
  if (!("kind" in backend)) return fail(backend);
  try {
    const read = await backend.read();
    if (!read.ok || backend.kind !== "live") return read.ok ? ok(read.value.cib) : read;
    try {
      const quorum = await fetchQuorumStatus(resolveClusterTarget(environment));
      return ok(liveClusterCib(read.value.cib, quorum));
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      return ok(read.value.cib);
    }
  } finally {
    backend.close();
  }
}

function failure(issues: readonly Issue[], exitCode: number): MonitorOutcome {
  const text = issues.map((found) => `crm_mon: ${found.message}\n`).join("");
  return { stdout: "", stderr: text, exitCode };
}

/**
 * crm_mon (one-shot) on a running cluster: the CIB over the client channel (CRM_CLUSTER) or
 * through cibadmin (CRM_BACKEND=pacemaker), rendered by the same renderer as for a CIB file.
 */
export async function liveCrmMon(
  args: readonly string[],
  environment: Environment,
): Promise<MonitorOutcome> {
  const parsed = parseMonitorArguments(args);
  if (!parsed.ok) return failure(parsed.issues, monitorExitCodes.usage);
  const cib = await statusCib(environment);
  if (!cib.ok) return failure(cib.issues, monitorExitCodes.unavailable);
  const now = Math.floor(Date.now() / 1000);
  return renderMonitor(cib.value, parsed.value, now, ["crm_mon", ...args].join(" "));
}
