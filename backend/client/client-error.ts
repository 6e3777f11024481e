import type { WireErrorCode } from "../protocol/index.js";

/** Why talking to a node failed: edge failures plus the node's own wire error codes. */
export type ClientErrorCode =
  | "unreachable"
  | "timeout"
  | "closed"
  | "bad_reply"
  | "no_live_node"
  | "no_token"
  | "bad_target"
  | WireErrorCode;

export class ClientError extends Error {
  override readonly name = "ClientError";
  constructor(
    readonly code: ClientErrorCode,
    message: string,
  ) {
    super(message);
  }
}
