/**
 * OCF agent results and executor statuses by the names Pacemaker 2.1's tools print for them
 * (`services_ocf_exitcode_str` and `pcmk_exec_status_str`), checked against the installed
 * crm_mon 2.1.5: 190 really is "OCF_DEGRADED" there, and the deprecated codes 189 and 192-199
 * print as "unknown". The one table crm_mon, crm_simulate and `ra validate` use.
 */
const ocfExitNames: Readonly<Record<number, string>> = {
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

/** The name of an OCF exit code (`ok`, `not running`…), "unknown" for any other number. */
export function ocfExitName(code: number): string {
  return ocfExitNames[code] ?? "unknown";
}

const executionStatusNames: Readonly<Record<number, string>> = {
  [-1]: "pending",
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

/** The name of a recorded `op-status` (`complete`, `Timed Out`…), "UNKNOWN!" for others. */
export function executionStatusName(status: number): string {
  return executionStatusNames[status] ?? "UNKNOWN!";
}

/** The text after the last `ocf-exit-reason:` in an agent's stderr, as Pacemaker takes it. */
export function exitReasonOf(stderr: string, prefix = "ocf-exit-reason:"): string | undefined {
  const at = stderr.lastIndexOf(prefix);
  if (at < 0) return undefined;
  const reason =
    stderr
      .slice(at + prefix.length)
      .split("\n")[0]
      ?.trim() ?? "";
  return reason === "" ? undefined : reason;
}
