import type { WireErrorCode } from "../../../backend/protocol/index.js";

/** Pacemaker's exit codes that the cluster tools use (crm_exit_t). */
export const toolExitCodes = {
  ok: 0,
  error: 1,
  unimplemented: 3,
  insufficientPrivilege: 4,
  usage: 64,
  disconnected: 102,
  noSuchAttribute: 105,
} as const;

/** What a tool printed and how it exits. */
export interface ToolOutcome {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment a tool runs in (an agent's: QUORATE_NODE, OCF_RESKEY_CRM_meta_on_node…). */
export type ToolEnvironment = Readonly<Record<string, string | undefined>>;

/** The node the calling agent runs on, as quorated's executor tells it. */
export function localNodeOf(environment: ToolEnvironment): string | undefined {
  return environment["QUORATE_NODE"] ?? environment["OCF_RESKEY_CRM_meta_on_node"];
}

/** The exit code of a refusal from the node: not allowed (4), not there yet (102), else 1. */
export function refusalExitCode(code: WireErrorCode): number {
  if (code === "unauthorized" || code === "permission_denied") {
    return toolExitCodes.insufficientPrivilege;
  }
  if (code === "unknown_kind" || code === "not_ready") return toolExitCodes.disconnected;
  return toolExitCodes.error;
}
