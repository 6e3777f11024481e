import { describe, expect, test } from "vitest";
import { CommandTree } from "../../../shell/commands/tree.js";
import type { Command, Level } from "../../../shell/commands/types.js";
import { done } from "../../../shell/commands/types.js";
import { ShellContext } from "../../../shell/context.js";
import { StreamOutput } from "../../../shell/output.js";
import { leaveRequested, ReplStore } from "../../../shell/repl-store.js";
import { Shell } from "../../../shell/shell.js";

/** A command that runs until released, as a wait or a commit held by the cluster does. */
function heldCommand(log: string[]) {
  let release: (() => void) | undefined;
  const command: Command = {
    name: "hold",
    aliases: [],
    usage: "",
    help: "Runs until released",
    run: async (_input, context) => {
      log.push(`started (aborted: ${String(context.signal?.aborted)})`);
      await new Promise<void>((resolve) => (release = resolve));
      log.push("finished");
      return done;
    },
  };
  const quick: Command = {
    name: "quick",
    aliases: [],
    usage: "",
    help: "Returns at once",
    run: () => {
      log.push("quick");
      return done;
    },
  };
  return { commands: [command, quick], release: () => release?.() };
}

function shellWith(commands: readonly Command[]) {
  const stderr: string[] = [];
  const output = new StreamOutput(
    { write: () => undefined },
    { write: (text: string) => stderr.push(text) },
  );
  const options = { force: false, wait: false, interactive: true, batch: false };
  const context = new ShellContext(output, options, {});
  const root: Level = { name: "root", aliases: [], help: "", commands };
  return {
    shell: new Shell(new CommandTree(root, []), context),
    context,
    err: () => stderr.join(""),
  };
}

describe("Ctrl-C while a command runs", () => {
  test("the shell returns at once with 'interrupted'; the next command starts after it settles", async () => {
    const log: string[] = [];
    const held = heldCommand(log);
    const { shell, context, err } = shellWith(held.commands);
    const running = shell.runLine("hold");
    await new Promise((resolve) => setImmediate(resolve));
    context.interrupt();
    expect(await running).toBe(false);
    expect(err()).toBe("ERROR: interrupted\n");
    const next = shell.runLine("quick");
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(["started (aborted: false)"]); // quick waits for hold to settle
    held.release();
    expect(await next).toBe(true);
    expect(log).toEqual(["started (aborted: false)", "finished", "quick"]);
  });

  test("each command gets a fresh signal after an interrupt", async () => {
    const log: string[] = [];
    const held = heldCommand(log);
    const { shell, context } = shellWith(held.commands);
    const first = shell.runLine("hold");
    await new Promise((resolve) => setImmediate(resolve));
    context.interrupt();
    await first;
    held.release();
    const second = shell.runLine("hold");
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.at(-1)).toBe("started (aborted: false)");
    held.release();
    expect(await second).toBe(true);
  });
});

describe("the progress line", () => {
  test("a line written while it shows erases it first; clearing erases it", () => {
    const written: string[] = [];
    const shown: (string | undefined)[] = [];
    const output = new StreamOutput(
      { write: (text: string) => written.push(text) },
      { write: (text: string) => written.push(text) },
      undefined,
      (text) => shown.push(text),
    );
    output.status?.("waiting for the cluster: 2 actions pending…");
    output.line("Resource d1 started");
    output.info("not shown again until the next update");
    expect(shown).toEqual(["waiting for the cluster: 2 actions pending…", undefined]);
    expect(written).toEqual([
      "Resource d1 started\n",
      "INFO: not shown again until the next update\n",
    ]);
  });
});

describe("ReplStore and Ctrl-C", () => {
  const store = () =>
    new ReplStore({ history: [], columns: 80, complete: () => ({ start: 0, candidates: [] }) });

  test("while a command runs, Ctrl-C interrupts it and keys typed ahead are kept", () => {
    const repl = store();
    let interrupted = 0;
    repl.onInterrupt(() => (interrupted += 1));
    repl.setBusy();
    repl.setStatus("waiting for the cluster: 1 action pending…");
    expect(repl.view().status).toBe("waiting for the cluster: 1 action pending…");
    repl.keys("sta");
    repl.keys("\x03");
    expect(interrupted).toBe(1);
    expect(repl.view().state.line.text).toBe("sta");
    repl.showPrompt("crm(live/node1)# ", undefined);
    expect(repl.view().status).toBeUndefined(); // only a running command shows it
  });

  test("Ctrl-C at an empty prompt asks to leave; with text it only drops the line", async () => {
    const repl = store();
    repl.showPrompt("crm(live/node1)# ", undefined);
    repl.keys("status");
    repl.keys("\x03");
    expect(repl.view().state.line.text).toBe("");
    repl.keys("\x03");
    expect(await repl.nextLine()).toBe(leaveRequested);
  });
});
