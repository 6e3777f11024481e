/** OCF exit codes and the names Pacemaker's tools print for them (`ok`, `not configured`…). */
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
  190: "degraded",
  191: "degraded promoted",
};

export function ocfExitName(code: number): string {
  return ocfExitNames[code] ?? "unknown";
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
