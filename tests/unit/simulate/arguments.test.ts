import { describe, expect, it } from "vitest";
import { parseArguments } from "../../../shell/simulate/parse-arguments.js";

describe("parseArguments", () => {
  it("reads bundled short flags, attached and separate values, and long forms", () => {
    const parsed = parseArguments([
      "-sSQ",
      "-xcib.xml",
      "-u",
      "node1",
      "--node-down=node2",
      "--op-fail",
      "r_stop_0@n=1",
      "-Gg.xml",
    ]);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject({
      xmlFile: "cib.xml",
      showScores: true,
      simulate: true,
      process: true,
      quiet: true,
      nodeUp: ["node1"],
      nodeDown: ["node2"],
      opFail: ["r_stop_0@n=1"],
      saveGraph: "g.xml",
    });
  });

  it("implies processing as crm_simulate does (-s, -G, -D run the scheduler; -F simulates)", () => {
    const scores = parseArguments(["-s"]);
    expect(scores.ok && scores.value.process && !scores.value.simulate).toBe(true);
    const opFail = parseArguments(["-F", "a_start_0@n=1"]);
    expect(opFail.ok && opFail.value.simulate).toBe(true);
    const plain = parseArguments(["-x", "f.xml"]);
    expect(plain.ok && plain.value.process).toBe(false);
  });

  it("takes -q as --quorum, as Pacemaker 2.1 does (quiet is -Q)", () => {
    const parsed = parseArguments(["-q", "true"]);
    expect(parsed.ok && parsed.value.quorum).toBe("true");
  });

  it.each([
    [["--bogus"], "Unknown option --bogus"],
    [["--simulat"], "did you mean --simulate?"],
    [["-Z"], "Unknown option -Z"],
    [["-x"], "Option --xml-file (-x) needs a FILE"],
    [["--save-output"], "needs a FILE"],
    [["stray"], 'Unexpected argument "stray"'],
    [["--run=yes"], "takes no value"],
  ])("rejects %j", (argv, message) => {
    const parsed = parseArguments(argv);
    expect(parsed.ok).toBe(false);
    expect(parsed.issues[0]?.message).toContain(message);
  });
});
