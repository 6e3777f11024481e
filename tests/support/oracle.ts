import { spawnSync } from "node:child_process";

/** True when an external oracle tool (crm_simulate, xmllint, crm, crm_mon…) is on the PATH. */
export function hasTool(name: string): boolean {
  const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  const present = found.status === 0;
  if (!present) console.warn(`Skipping oracle checks: ${name} is not installed`);
  return present;
}
