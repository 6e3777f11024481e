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
  /** Whether systemd runs as init (`/run/systemd/system` exists, as sd_booted() tests). */
  readonly systemdBooted: boolean;
}

const bundledRelative = join("daemons", "agents", "ocf");

/**
 * quorate's bundled OCF root, found by walking up from this file (the source tree or dist/)
 * to the folder holding `daemons/agents/ocf/resource.d`.
 */
export function bundledOcfRoot(): string | undefined {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level < 6; level++) {
    const candidate = join(folder, bundledRelative);
    if (existsSync(join(candidate, "resource.d"))) return candidate;
    folder = dirname(folder);
  }
  return undefined;
}

/** The directories for an environment: `OCF_ROOT` replaces the system root /usr/lib/ocf. */
export function agentDirectories(
  environment: Readonly<Record<string, string | undefined>>,
): AgentDirectories {
  const bundled = bundledOcfRoot();
  const systemRoot = environment["OCF_ROOT"] ?? "/usr/lib/ocf";
  const ocfRoots = bundled === undefined ? [systemRoot] : [bundled, systemRoot];
  return {
    ocfRoots: [...new Set(ocfRoots)],
    lsbDirectory: "/etc/init.d",
    stonithDirectory: "/usr/sbin",
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
