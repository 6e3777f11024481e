import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { AgentDirectories } from "../../../backend/ra/index.js";
import {
  agentDirectories,
  availableClasses,
  bundledOcfRoot,
  describeAgent,
  installedOcfProviders,
  lsbTypes,
  ocfProviders,
  ocfProvidersOf,
  ocfTypes,
  stonithTypes,
  systemdTypes,
} from "../../../backend/ra/index.js";

let folder = "";
let directories: AgentDirectories;

function script(path: string, body: string, executable = true): void {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, executable ? 0o755 : 0o644);
}

const metadataScript = `[ "$1" = meta-data ] || exit 3
cat <<END
<resource-agent name="$OCF_RESOURCE_TYPE"><shortdesc>In $OCF_ROOT as $OCF_RESOURCE_INSTANCE</shortdesc></resource-agent>
END`;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "quorate-ra-"));
  const first = join(folder, "first");
  const second = join(folder, "second");
  script(join(first, "resource.d", "alpha", "Web"), metadataScript);
  script(join(first, "resource.d", "alpha", "Broken"), "exit 1");
  script(join(first, "resource.d", "alpha", "notes.txt"), "", false);
  script(join(second, "resource.d", "alpha", "Db"), metadataScript);
  script(join(second, "resource.d", "heartbeat", "Web"), metadataScript);
  script(join(second, "resource.d", "heartbeat", ".ocf-shellfuncs"), "");
  script(
    join(folder, "init.d", "webd"),
    "### BEGIN INIT INFO\n# Short-Description: W\n### END INIT INFO",
  );
  script(
    join(folder, "sbin", "fence_lab"),
    `echo '<resource-agent name="fence_lab" shortdesc="Lab"/>'`,
  );
  script(join(folder, "sbin", "fence_pcmk"), "");
  script(join(folder, "sbin", "ls"), "");
  directories = {
    ocfRoots: [first, second],
    lsbDirectory: join(folder, "init.d"),
    stonithDirectory: join(folder, "sbin"),
    systemdBooted: false,
  };
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe("agent discovery", () => {
  test("merges providers and types over the OCF roots, executables only", () => {
    expect(ocfProviders(directories)).toEqual(["alpha", "heartbeat"]);
    expect(ocfTypes(directories)).toEqual(["Broken", "Db", "Web"]);
    expect(ocfTypes(directories, "heartbeat")).toEqual(["Web"]);
    expect(ocfProvidersOf(directories, "Web")).toEqual(["alpha", "heartbeat"]);
    expect(installedOcfProviders(directories)("Db")).toEqual(["alpha"]);
  });

  test("lists LSB scripts and fence agents, and systemd as empty without systemd", async () => {
    expect(lsbTypes(directories)).toEqual(["webd"]);
    expect(await stonithTypes(directories)).toEqual(["fence_lab"]);
    expect(await systemdTypes(directories)).toEqual([]);
    expect(availableClasses(directories)).toEqual(["lsb", "ocf", "service", "stonith"]);
  });

  test("runs meta-data from the first root that has the agent, with the OCF environment", async () => {
    const described = await describeAgent(directories, {
      agentClass: "ocf",
      provider: "alpha",
      type: "Web",
    });
    expect(described.ok && described.value.metadata.shortdesc).toBe(
      `In ${directories.ocfRoots[0] ?? ""} as Web`,
    );
  });

  test("picks heartbeat for a bare type and describes LSB and fence agents", async () => {
    const bare = await describeAgent(directories, { agentClass: "ocf", type: "Web" });
    expect(bare.ok && bare.value.spec.provider).toBe("heartbeat");
    const lsb = await describeAgent(directories, { agentClass: "lsb", type: "webd" });
    expect(lsb.ok && lsb.value.metadata.shortdesc).toBe("W");
    const fence = await describeAgent(directories, { agentClass: "stonith", type: "fence_lab" });
    expect(fence.ok && fence.value.metadata.shortdesc).toBe("Lab");
  });

  test("refuses unknown agents with a suggestion, and failing meta-data runs", async () => {
    const typo = await describeAgent(directories, {
      agentClass: "ocf",
      provider: "alpha",
      type: "Wev",
    });
    expect(typo.issues[0]).toMatchObject({ code: "unknown_agent", suggestion: "ocf:alpha:Web" });
    const otherProvider = await describeAgent(directories, {
      agentClass: "ocf",
      provider: "heartbeat",
      type: "Db",
    });
    expect(otherProvider.issues[0]?.suggestion).toBe("ocf:alpha:Db");
    const broken = await describeAgent(directories, {
      agentClass: "ocf",
      provider: "alpha",
      type: "Broken",
    });
    expect(broken.issues[0]?.message).toMatch(/exited with 1/);
    const badClass = await describeAgent(directories, { agentClass: "ocff", type: "x" });
    expect(badClass.issues[0]).toMatchObject({ code: "unknown_class", suggestion: "ocf" });
  });

  test("agentDirectories() puts the bundled root first and respects OCF_ROOT", () => {
    const bundled = bundledOcfRoot();
    expect(bundled).toMatch(/daemons\/agents\/ocf$/);
    expect(agentDirectories({ OCF_ROOT: "/opt/ocf" }).ocfRoots).toEqual([bundled, "/opt/ocf"]);
    expect(agentDirectories({}).ocfRoots.at(-1)).toBe("/usr/lib/ocf");
  });
});
