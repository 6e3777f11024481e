import type { AgentClassName, ExecutionStatus } from "./types.js";

/** OCF exit codes (ocf-returncodes), as Pacemaker records them. */
export const ocfRc = {
  success: 0,
  genericError: 1,
  invalidArguments: 2,
  unimplemented: 3,
  insufficientPrivilege: 4,
  notInstalled: 5,
  notConfigured: 6,
  notRunning: 7,
  runningPromoted: 8,
  failedPromoted: 9,
  degraded: 190,
  degradedPromoted: 191,
} as const;

const knownOcf = new Set<number>(Object.values(ocfRc));

/** OCF agents: 0–9, 190 and 191 stand; any other code is an unknown (generic) error. */
export function rcFromOcf(exitCode: number): number {
  return knownOcf.has(exitCode) ? exitCode : ocfRc.genericError;
}

/**
 * LSB init scripts. `status` (what monitor runs) has its own codes: 0 running; 1 dead with a
 * pid file, 2 dead with a lock file, 3 stopped → not running; 150 not installed; 151
 * insufficient privilege; anything else an error. Other actions share codes 0–7 with OCF.
 */
export function rcFromLsb(scriptAction: string, exitCode: number): number {
  if (scriptAction === "status") {
    if (exitCode === 0) return ocfRc.success;
    if (exitCode >= 1 && exitCode <= 3) return ocfRc.notRunning;
    if (exitCode === 150) return ocfRc.notInstalled;
    if (exitCode === 151) return ocfRc.insufficientPrivilege;
    return ocfRc.genericError;
  }
  return exitCode >= 0 && exitCode <= 7 ? exitCode : ocfRc.genericError;
}

/**
 * Fence agents: 0 is success; `status` answers 2 for a powered-off target (not running);
 * every other code is a failure.
 */
export function rcFromFenceAgent(agentAction: string, exitCode: number): number {
  if (exitCode === 0) return ocfRc.success;
  if (agentAction === "status" && exitCode === 2) return ocfRc.notRunning;
  return ocfRc.genericError;
}

/** `systemctl is-active` for monitor (0 active, else stopped); other verbs 0 or error. */
export function rcFromSystemctl(verb: string, exitCode: number): number {
  if (exitCode === 0) return ocfRc.success;
  if (verb === "is-active") return ocfRc.notRunning;
  return exitCode === 5 ? ocfRc.notInstalled : ocfRc.genericError;
}

/** The OCF rc of an agent's exit code, by its class and the action the program was given. */
export function rcFromExitCode(
  agentClass: AgentClassName,
  programAction: string,
  exitCode: number,
): number {
  switch (agentClass) {
    case "ocf":
      return rcFromOcf(exitCode);
    case "lsb":
    case "service":
      return rcFromLsb(programAction, exitCode);
    case "stonith":
      return rcFromFenceAgent(programAction, exitCode);
    case "systemd":
      return rcFromSystemctl(programAction, exitCode);
  }
}

/** The text after the last exit-reason prefix in an agent's stderr, as Pacemaker takes it. */
export function exitReasonOf(errorOutput: string, prefix = "ocf-exit-reason:"): string | undefined {
  const at = errorOutput.lastIndexOf(prefix);
  if (at < 0) return undefined;
  const reason =
    errorOutput
      .slice(at + prefix.length)
      .split("\n")[0]
      ?.trim() ?? "";
  return reason === "" ? undefined : reason;
}

/**
 * Pacemaker's op-status number for an execution status, as lrm_rsc_op's `op-status` records
 * it: done 0, cancelled 1, timed out 2, error 4, not installed 7, not connected 8.
 */
export function operationStatusCode(status: ExecutionStatus): number {
  switch (status) {
    case "done":
      return 0;
    case "cancelled":
      return 1;
    case "timeout":
      return 2;
    case "error":
      return 4;
    case "not_installed":
      return 7;
    case "not_connected":
      return 8;
  }
}
