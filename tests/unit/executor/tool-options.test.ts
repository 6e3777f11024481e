import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { askLocalNode, attributeRequest } from "../../../daemons/agents/tools/attribute-request.js";
import { readToolOptions, usageLines } from "../../../daemons/agents/tools/tool-options.js";
import type { ToolOptionTable } from "../../../daemons/agents/tools/tool-options.js";
import { refusalExitCode } from "../../../daemons/agents/tools/tool-outcome.js";

const table: ToolOptionTable = {
  valued: new Set(["name", "update"]),
  flags: new Set(["query", "quiet", "promotion"]),
  shortNames: { n: "name", v: "update", G: "query", q: "quiet", p: "promotion" },
};

describe("readToolOptions() (the cluster tools' shared option reader)", () => {
  test("reads --name=value, --name value, -n value and -nvalue alike", () => {
    const read = readToolOptions(["--name=a", "--update", "1", "-n", "b", "-v2"], table);
    expect(read).toEqual({
      options: [
        ["name", "a"],
        ["update", "1"],
        ["name", "b"],
        ["update", "2"],
      ],
      issues: [],
    });
  });

  test("flag letters share one dash; a letter with a value does not split", () => {
    expect(readToolOptions(["-Gq"], table).options).toEqual([
      ["query", undefined],
      ["quiet", undefined],
    ]);
    expect(readToolOptions(["-nGq"], table).options).toEqual([["name", "Gq"]]);
    expect(readToolOptions(["--promotion=db", "-pweb"], table).options).toEqual([
      ["promotion", "db"],
      ["promotion", "web"],
    ]);
  });

  test("unknown options, stray words and missing values are issues, in order", () => {
    const read = readToolOptions(["--nmae", "x", "-Z", "--name"], table);
    expect(read.issues.map((problem) => [problem.code, problem.message])).toEqual([
      ["unknown_option", "Unknown option --nmae"],
      ["unexpected_argument", 'Unexpected argument "x"'],
      ["unknown_option", "Unknown option -Z"],
      ["missing_value", "Option --name needs a value"],
    ]);
    expect(read.issues[0]?.suggestion).toBe("--name");
    expect(usageLines("crm_attribute", read.issues.slice(0, 2))).toBe(
      "crm_attribute: Unknown option --nmae (did you mean --name?)\n" +
        'crm_attribute: Unexpected argument "x"\n',
    );
  });

  test("refusals map to Pacemaker's exit codes", () => {
    expect(
      ["permission_denied", "not_ready", "bad_field"].map((code) => refusalExitCode(code as never)),
    ).toEqual([4, 102, 1]);
  });
});

describe("attributeRequest() and askLocalNode() (what both tools send, and an absent node)", () => {
  test("an update, a deletion and a query of one attribute", () => {
    const update = { operation: "update", node: "node2", name: "pingd", value: "1" } as const;
    expect(attributeRequest(update, { section: "status", dampenMs: 5000 })).toEqual({
      kind: "attribute_update_requested",
      node: "node2",
      name: "pingd",
      value: "1",
      section: "status",
      lifetimeReboot: true,
      dampenMs: 5000,
    });
    const deletion = { operation: "delete", node: "node2", name: "rack" } as const;
    expect(attributeRequest(deletion, { section: "nodes" })).toMatchObject({
      value: null,
      section: "nodes",
      lifetimeReboot: false,
    });
    const query = { operation: "query", node: "node1", name: "x" } as const;
    expect(attributeRequest(query, { section: "status" })).toEqual({
      kind: "attribute_query_requested",
      node: "node1",
      name: "x",
    });
  });

  test("a cluster folder with no running node exits 102 and says why", async () => {
    const folder = mkdtempSync(join(tmpdir(), "quorate-tools-"));
    try {
      const request = attributeRequest(
        { operation: "query", node: "node1", name: "x" },
        {
          section: "status",
        },
      );
      const outcome = await askLocalNode(
        { CRM_CLUSTER: folder },
        "node1",
        request,
        () => {
          throw new Error("no reply expected");
        },
        "Could not connect to the cluster",
      );
      expect(outcome.exitCode).toBe(102);
      expect(outcome.stderr).toMatch(/^Could not connect to the cluster: No running node in /);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
