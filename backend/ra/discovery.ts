import { join } from "node:path";
import type { AgentDirectories } from "./agent-directories.js";
import { isDirectory, isExecutableFile, listFolder } from "./agent-directories.js";
import { runProgram } from "./run-agent.js";

/** Pacemaker's own redirect agent, which crm_resource leaves out of its stonith list. */
const hiddenFenceAgents = new Set(["fence_pcmk"]);

function sorted(names: Iterable<string>): string[] {
  return [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** OCF providers: folders under any root's resource.d, sorted, each once. */
export function ocfProviders(directories: AgentDirectories): string[] {
  return sorted(
    directories.ocfRoots.flatMap((root) =>
      listFolder(join(root, "resource.d")).filter((name) =>
        isDirectory(join(root, "resource.d", name)),
      ),
    ),
  );
}

/** Providers that have an agent of this type. */
export function ocfProvidersOf(directories: AgentDirectories, type: string): string[] {
  return sorted(
    ocfProviders(directories).filter((provider) =>
      directories.ocfRoots.some((root) =>
        isExecutableFile(join(root, "resource.d", provider, type)),
      ),
    ),
  );
}

/** OCF agent types, of one provider or of all. */
export function ocfTypes(directories: AgentDirectories, provider?: string): string[] {
  const providers = provider === undefined ? ocfProviders(directories) : [provider];
  return sorted(
    directories.ocfRoots.flatMap((root) =>
      providers.flatMap((name) => {
        const folder = join(root, "resource.d", name);
        return listFolder(folder).filter((type) => isExecutableFile(join(folder, type)));
      }),
    ),
  );
}

/** The path of `ocf:provider:type`, from the first root that has it. */
export function ocfAgentPath(
  directories: AgentDirectories,
  provider: string,
  type: string,
): { readonly path: string; readonly ocfRoot: string } | undefined {
  for (const root of directories.ocfRoots) {
    const path = join(root, "resource.d", provider, type);
    if (isExecutableFile(path)) return { path, ocfRoot: root };
  }
  return undefined;
}

export function lsbTypes(directories: AgentDirectories): string[] {
  return sorted(
    listFolder(directories.lsbDirectory).filter((name) =>
      isExecutableFile(join(directories.lsbDirectory, name)),
    ),
  );
}

/** systemd services (`systemctl list-unit-files`); [] where systemd is not init. */
export async function systemdTypes(directories: AgentDirectories): Promise<string[]> {
  if (!directories.systemdBooted) return [];
  const listed = await runProgram("systemctl", ["list-unit-files", "--full", "--no-legend"], {
    environment: { PATH: "/usr/bin:/bin:/usr/sbin:/sbin" },
  });
  if (listed.kind !== "exited" || listed.exitCode !== 0) return [];
  const services = listed.stdout
    .split("\n")
    .map((line) => /^(\S+)\.service\s/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && !name.endsWith("@"));
  return sorted(services);
}

/** The fence agent's folders, the bundled one first. */
export function fenceDirectories(directories: AgentDirectories): string[] {
  const bundled = directories.bundledStonithDirectory;
  return bundled === undefined
    ? [directories.stonithDirectory]
    : [bundled, directories.stonithDirectory];
}

/** The path of a fence agent, from the first folder that has it. */
export function fenceAgentPath(directories: AgentDirectories, type: string): string | undefined {
  if (!type.startsWith("fence_")) return undefined;
  return fenceDirectories(directories)
    .map((folder) => join(folder, type))
    .find((path) => isExecutableFile(path));
}

/** Fence agents (bundled and installed), and cluster-glue plugins when `stonith` exists. */
export async function stonithTypes(directories: AgentDirectories): Promise<string[]> {
  const fence = fenceDirectories(directories).flatMap((folder) =>
    listFolder(folder).filter(
      (name) =>
        name.startsWith("fence_") &&
        !hiddenFenceAgents.has(name) &&
        isExecutableFile(join(folder, name)),
    ),
  );
  const glueProgram = join(directories.stonithDirectory, "stonith");
  if (!isExecutableFile(glueProgram)) return sorted(fence);
  const glue = await runProgram(glueProgram, ["-L"], { environment: {} });
  const plugins =
    glue.kind === "exited" && glue.exitCode === 0
      ? glue.stdout.split("\n").filter((line) => line.trim() !== "")
      : [];
  return sorted([...fence, ...plugins.map((line) => line.trim())]);
}

/** The classes to show in `ra classes`, crm_resource --list-standards' order sorted. */
export function availableClasses(directories: AgentDirectories): string[] {
  const classes = ["ocf", "service", "stonith"];
  if (isDirectory(directories.lsbDirectory)) classes.push("lsb");
  if (directories.systemdBooted) classes.push("systemd");
  return sorted(classes);
}
