/**
 * crm_simulate's OPSPEC, `${resource}_${task}_${interval_ms}@${node}=${rc}`
 * (memcached_monitor_20000@bart=7). The resource may contain underscores: the task and the
 * interval are the last two `_` fields of the key, as Pacemaker's parse_op_key reads them.
 */
import type { Issue, Result } from "../../backend/base/index.js";
import { fail, issue, ok } from "../../backend/base/index.js";

export interface OpSpec {
  readonly text: string;
  readonly resource: string;
  readonly task: string;
  readonly intervalMs: number;
  readonly node: string;
  readonly rc: number;
}

export type OpSpecCode = "invalid_opspec";

function invalid(text: string, why: string): Issue<OpSpecCode> {
  return issue(
    "invalid_opspec",
    `Invalid operation spec "${text}": ${why} (expected \${resource}_\${task}_\${interval_in_ms}@\${node}=\${rc})`,
  );
}

export function parseOpSpec(text: string): Result<OpSpec, OpSpecCode> {
  const match = /^([^@]+)@([^=]+)=(.*)$/.exec(text);
  if (match === null) return fail([invalid(text, "missing @node or =rc")]);
  const [, key = "", node = "", rcText = ""] = match;
  if (!/^-?\d+$/.test(rcText.trim()))
    return fail([invalid(text, `result code "${rcText}" is not an integer`)]);
  const intervalAt = key.lastIndexOf("_");
  const taskAt = intervalAt <= 0 ? -1 : key.lastIndexOf("_", intervalAt - 1);
  if (taskAt <= 0) return fail([invalid(text, `"${key}" is not resource_task_interval`)]);
  const intervalText = key.slice(intervalAt + 1);
  if (!/^\d+$/.test(intervalText))
    return fail([invalid(text, `interval "${intervalText}" is not a number of milliseconds`)]);
  const task = key.slice(taskAt + 1, intervalAt);
  if (task === "") return fail([invalid(text, "the task is empty")]);
  return ok({
    text,
    resource: key.slice(0, taskAt),
    task,
    intervalMs: Number.parseInt(intervalText, 10),
    node,
    rc: Number.parseInt(rcText, 10),
  });
}
