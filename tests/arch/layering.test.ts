import { describe, expect, test } from "vitest";
import { importEdges, sourceFiles } from "../support/source-files.js";

/**
 * The dependency direction of DESIGN.md and STYLE.md. An area is a top-level folder, or
 * `backend/<sub>` / `daemons/<sub>`. Crossing into another area goes through its index.ts.
 */
export function areaOf(path: string): string {
  const parts = path.split("/");
  const top = parts[0] ?? "";
  if ((top === "backend" || top === "daemons") && parts.length > 2) return `${top}/${parts[1]}`;
  return top;
}

function allowedTargets(from: string): (to: string) => boolean {
  const base = (to: string): boolean => to === "backend/base" || to === from;
  if (from === "backend/base") return (to) => to === from;
  if (from === "grammar") return base;
  if (from === "completions") return (to) => base(to) || to === "grammar";
  if (from === "backend/cib" || from === "backend/protocol") return base;
  if (from === "backend/configure")
    return (to) => base(to) || to === "grammar" || to === "backend/cib";
  if (from === "backend/client") return (to) => base(to) || to === "backend/protocol";
  // Pure CIB transformations of crm resource / crm node.
  if (from === "backend/admin") return (to) => base(to) || to === "backend/cib";
  // One CIB session API over the file and live backends.
  if (from === "backend/session")
    return (to) =>
      base(to) || ["backend/cib", "backend/file", "backend/client", "backend/protocol"].includes(to);
  // The pacemaker backend drives Pacemaker's tools behind the session API.
  if (from === "backend/pacemaker")
    return (to) => base(to) || to === "backend/cib" || to === "backend/session";
  if (from.startsWith("backend/"))
    return (to) => base(to) || to === "grammar" || to.startsWith("backend/");
  if (from === "daemons/kernel") return base;
  // The executor finds agents where `crm ra` does (bundled first, then the system's).
  if (from === "daemons/executor")
    return (to) =>
      base(to) ||
      to === "backend/cib" ||
      to === "backend/protocol" ||
      to === "backend/ra" ||
      to.startsWith("daemons/");
  if (from.startsWith("daemons/") || from === "daemons")
    return (to) =>
      base(to) ||
      to === "backend/cib" ||
      to === "backend/protocol" ||
      to === "backend/corosync" ||
      to === "backend/users" ||
      to.startsWith("daemons/");
  if (from === "shell")
    return (to) =>
      base(to) ||
      to === "grammar" ||
      to === "completions" ||
      to.startsWith("backend/") ||
      to === "daemons/scheduler";
  return () => false;
}

/** Third-party packages that only some areas may use. */
const packageOwners: Record<string, (area: string) => boolean> = {
  ink: (area) => area === "shell",
  react: (area) => area === "shell",
  "react/jsx-runtime": (area) => area === "shell",
  chevrotain: (area) => area === "grammar",
  ws: (area) => area.startsWith("backend/") || area.startsWith("daemons/"),
};

describe("layering", () => {
  const edges = importEdges(sourceFiles());

  test("imports follow the layering table", () => {
    const broken = edges
      .filter((edge) => edge.toPath !== undefined)
      .filter((edge) => !allowedTargets(areaOf(edge.fromPath))(areaOf(edge.toPath ?? "")))
      .map((edge) => `${edge.fromPath} imports ${edge.specifier}`);
    expect(broken).toEqual([]);
  });

  test("another area is entered only through its index.ts", () => {
    const broken = edges
      .filter((edge) => edge.toPath !== undefined)
      .filter((edge) => areaOf(edge.fromPath) !== areaOf(edge.toPath ?? ""))
      .filter((edge) => !/\/index\.js$/.test(edge.specifier))
      .map((edge) => `${edge.fromPath} imports ${edge.specifier}`);
    expect(broken).toEqual([]);
  });

  test("UI, grammar and socket packages stay in their areas", () => {
    const broken = edges
      .filter((edge) => edge.toPath === undefined)
      .filter((edge) => {
        const owner = packageOwners[edge.specifier];
        return owner !== undefined && !owner(areaOf(edge.fromPath));
      })
      .map((edge) => `${edge.fromPath} imports ${edge.specifier}`);
    expect(broken).toEqual([]);
  });

  test("the table itself rejects a broken direction", () => {
    expect(allowedTargets("daemons/cib")("grammar")).toBe(false);
    expect(allowedTargets("backend/cib")("shell")).toBe(false);
    expect(allowedTargets("shell")("daemons/membership")).toBe(false);
    expect(allowedTargets("shell")("daemons/scheduler")).toBe(true);
    expect(allowedTargets("grammar")("backend/cib")).toBe(false);
    expect(areaOf("backend/cib/xml/read.ts")).toBe("backend/cib");
    expect(allowedTargets("backend/admin")("backend/client")).toBe(false);
    expect(allowedTargets("backend/session")("backend/pacemaker")).toBe(false);
  });
});
