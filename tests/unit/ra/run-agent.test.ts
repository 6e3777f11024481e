import { describe, expect, test } from "vitest";
import { runProgram } from "../../../backend/ra/index.js";

const environment = { PATH: "/usr/bin:/bin" };

describe("runProgram()", () => {
  test("returns the exit code and output, with only the given environment", async () => {
    const run = await runProgram(
      "/bin/sh",
      ["-c", 'echo "$PATH:${HOME:-none}"; echo e >&2; exit 4'],
      {
        environment,
      },
    );
    expect(run).toEqual({
      kind: "exited",
      exitCode: 4,
      stdout: "/usr/bin:/bin:none\n",
      stderr: "e\n",
    });
  });

  test("kills the whole process group on timeout, even when SIGTERM is trapped", async () => {
    const started = performance.now();
    const run = await runProgram("/bin/sh", ["-c", "trap '' TERM; sleep 30 & sleep 30; wait"], {
      environment,
      timeoutMs: 200,
    });
    expect(run).toEqual({ kind: "timed_out", timeoutMs: 200 });
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  test("stops a run whose output passes the bound", async () => {
    const run = await runProgram("/bin/sh", ["-c", "yes quorate"], {
      environment,
      outputBytesMax: 4096,
    });
    expect(run).toEqual({ kind: "output_too_large", outputBytesMax: 4096 });
  });

  test("reports a program that cannot start", async () => {
    const run = await runProgram("/nonexistent/agent", [], { environment });
    expect(run.kind).toBe("spawn_failed");
  });
});
