import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { completeCommandLine, completeRequested } from "../../../completions/index.js";
import { fixtureContext } from "./fixture.js";

const script = fileURLToPath(new URL("../../../completions/crm.bash", import.meta.url));

const lines = (argv: readonly string[]) => completeCommandLine(argv, fixtureContext);

describe("completeCommandLine() (crm --complete CWORD -- WORD...)", () => {
  it.each([
    [
      ["1", "crm", ""],
      ["cd", "cluster", "configure", "help", "ls", "node", "quit", "resource", "up"],
    ],
    [["2", "crm", "configure", "prim"], ["primitive"]],
    [
      ["4", "crm", "configure", "primitive", "p", "ocf:"],
      ["ocf:heartbeat:", "ocf:pacemaker:"],
    ],
    [
      ["3", "crm", "-F", "resource", ""],
      ["cleanup", "move", "start", "status", "stop", "cd", "help", "ls", "quit", "up"].sort(),
    ],
    [["4", "crm", "-f", "script.crm", "node", "standby"], ["standby"]],
    [["3", "crm", "configure", "property", "stonith-enabled=t"], ["stonith-enabled=true"]],
    [["1", "crm", "-"], []],
    [["2", "crm", "-D", ""], []],
    [
      ["2", "crm", "resource", "st", "web"],
      ["start", "status", "stop"],
    ],
    [["3", "crm", "resource", "start", "w"], ["web"]],
  ])("answers %j", (words, expected) => {
    const [cword = "", ...rest] = words;
    expect(lines(["--complete", cword, "--", ...rest])).toEqual(expected);
  });

  it("keeps a word with blanks one word", () => {
    const words = ["crm", "configure", "property", "cluster-name=my cluster", "cluster-"];
    expect(lines(["--complete", "4", "--", ...words])).toEqual([
      "cluster-delay=",
      "cluster-ipc-limit=",
      "cluster-recheck-interval=",
    ]);
  });

  it("rejects a malformed request with usage", () => {
    expect(lines(["--complete", "x", "--", "crm"])).toMatchObject({ code: "bad_complete_request" });
    expect(lines(["--complete", "1", "crm"])).toMatchObject({ code: "bad_complete_request" });
    expect(completeRequested(["--complete", "1", "--"])).toBe(true);
    expect(completeRequested(["configure", "show"])).toBe(false);
  });
});

/** Runs the bash completion function on `line` with a stand-in crm that prints `answer`. */
function bashComplete(line: string, answer: readonly string[]): { reply: string[]; call: string } {
  const printed = answer.map((word) => `'${word}'`).join(" ");
  const program = [
    `source ${JSON.stringify(script)}`,
    `crm() { printf '%s\\n' "$*" > "$CALL_FILE"; printf '%s\\n' ${printed}; }`,
    `COMP_LINE=${JSON.stringify(line)}; COMP_POINT=\${#COMP_LINE}`,
    "_quorate_crm",
    `printf '%s\\n' "\${COMPREPLY[@]}"`,
  ].join("\n");
  const directory = mkdtempSync(join(tmpdir(), "crm-bash-"));
  try {
    const callFile = join(directory, "call");
    const output = execFileSync("bash", ["--norc", "-c", program], {
      encoding: "utf8",
      env: { ...process.env, CALL_FILE: callFile },
    });
    const reply = output.split("\n").filter((word) => word !== "");
    return { reply, call: readFileSync(callFile, "utf8").replace(/\n$/, "") };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe("completions/crm.bash", () => {
  it("passes the words split on blanks and the index of the word being typed", () => {
    const { call, reply } = bashComplete("crm configure primitive p ocf:", ["ocf:heartbeat:"]);
    expect(call).toBe("--complete 4 -- crm configure primitive p ocf:");
    expect(reply).toEqual(["heartbeat:"]);
  });

  it("asks for an empty word after a blank", () => {
    const { call, reply } = bashComplete("crm resource start ", ["vip", "web"]);
    expect(call).toBe("--complete 3 -- crm resource start ");
    expect(reply).toEqual(["vip", "web"]);
  });

  it("trims candidates at the last = bash breaks words at", () => {
    const { reply } = bashComplete("crm configure property stonith-enabled=t", [
      "stonith-enabled=true",
    ]);
    expect(reply).toEqual(["true"]);
  });
});
