import { accessSync, constants, existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where agents of each class are looked for, in search order. */
export interface AgentDirectories {
  /** OCF roots (each holding `resource.d/<provider>/<type>`): quorate's bundled one first. */
  readonly ocfRoots: readonly string[];
  /** LSB init scripts. */
  readonly lsbDirectory: string;
  /** Fence agents (`fence_*`) and cluster-glue's `stonith` program. */
  readonly stonithDirectory: string;
  /** quorate's bundled fence agents (fence_quorate_local), looked at before stonithDirectory. */
  readonly bundledStonithDirectory?: string;
  /** Whether systemd runs as init (`/run/systemd/system` exists, as sd_booted() tests). */
  readonly systemdBooted: boolean;
}

const bundledRelative = join("daemons", "agents");

/**
 * A folder of quorate's bundled agents (`daemons/agents/<name>`) holding `marker`, found by
 * walking up from this file (the source tree or dist/) to the checkout.
 */
function bundledFolder(name: string, marker: string): string | undefined {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level < 6; level++) {
    const candidate = join(folder, bundledRelative, name);
    if (existsSync(join(candidate, marker))) return candidate;
    folder = dirname(folder);
  }
  return undefined;
}

/** quorate's bundled OCF root (`daemons/agents/ocf`, holding `resource.d`). */
export function bundledOcfRoot(): string | undefined {
  return bundledFolder("ocf", "resource.d");
}

/** quorate's bundled fence agents (`daemons/agents/fence`). */
export function bundledFenceDirectory(): string | undefined {
  return bundledFolder("fence", "fence_quorate_local");
}

/** The bundled cluster tools agents call (`daemons/agents/bin`: crm_attribute, crm_node…). */
export function bundledToolsDirectory(): string | undefined {
  return bundledFolder("bin", "crm_attribute");
}

/** The directories for an environment: `OCF_ROOT` replaces the system root /usr/lib/ocf. */
export function agentDirectories(
  environment: Readonly<Record<string, string | undefined>>,
): AgentDirectories {
  const bundled = bundledOcfRoot();
  const systemRoot = environment["OCF_ROOT"] ?? "/usr/lib/ocf";
  const ocfRoots = bundled === undefined ? [systemRoot] : [bundled, systemRoot];
  const bundledFence = bundledFenceDirectory();
  return {
    ocfRoots: [...new Set(ocfRoots)],
    lsbDirectory: "/etc/init.d",
    stonithDirectory: "/usr/sbin",
    ...(bundledFence === undefined ? {} : { bundledStonithDirectory: bundledFence }),
    systemdBooted: isDirectory("/run/systemd/system"),
  };
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A regular file (symlinks followed) that may be executed. */
export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Names in a folder, hidden ones left out; [] when it cannot be read. */
export function listFolder(path: string): string[] {
  try {
    return readdirSync(path).filter((name) => !name.startsWith("."));
  } catch {
    return [];
  }
}
