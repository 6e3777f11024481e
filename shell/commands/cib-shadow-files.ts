import { homedir } from "node:os";
import { join } from "node:path";

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Where shadow CIBs live, as crm_shadow keeps them: CIB_shadow_dir, else `$HOME/.cib` (root
 * included: quorate never writes into Pacemaker's own /var/lib/pacemaker/cib).
 */
export function shadowFolder(environment: Environment): string {
  const configured = environment["CIB_shadow_dir"];
  if (configured !== undefined && configured !== "") return configured;
  return join(environment["HOME"] ?? homedir(), ".cib");
}

/** A shadow CIB's file: `shadow.NAME` in the shadow folder (crm_shadow's naming). */
export function shadowPath(environment: Environment, name: string): string {
  return join(shadowFolder(environment), `shadow.${name}`);
}

/** A shadow name crm_shadow accepts: no path separators, not empty, no leading dot. */
export function validShadowName(name: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/.test(name);
}
