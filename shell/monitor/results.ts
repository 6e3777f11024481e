/** Names of OCF agent results and executor statuses, as Pacemaker 2.1 prints them. */
const agentResults: Readonly<Record<number, string>> = {
  0: "ok",
  1: "error",
  2: "invalid parameter",
  3: "unimplemented feature",
  4: "insufficient privileges",
  5: "not installed",
  6: "not configured",
  7: "not running",
  8: "promoted",
  9: "promoted (failed)",
  190: "OCF_DEGRADED",
  191: "promoted (degraded)",
};

export function agentResultName(rc: number): string {
  return agentResults[rc] ?? "unknown";
}

const executionStatuses: Readonly<Record<number, string>> = {
  [-1]: "Pending",
  0: "complete",
  1: "Cancelled",
  2: "Timed Out",
  3: "NOT SUPPORTED",
  4: "Error",
  5: "Hard error",
  6: "Fatal error",
  7: "Not installed",
  8: "Internal communication failure",
  9: "Cannot execute now",
  10: "No fence device",
  11: "CIB secrets unavailable",
};

export function executionStatusName(status: number): string {
  return executionStatuses[status] ?? "UNKNOWN";
}
