/** crm_mon's command line (the one-shot subset quorate implements). */
import type { Issue, Result } from "../../backend/base/index.js";
import { fail, issue, nearest, ok } from "../../backend/base/index.js";

export interface MonitorOptions {
  readonly oneShot: boolean;
  readonly inactive: boolean;
  readonly failCounts: boolean;
  readonly nodeAttributes: boolean;
  readonly groupByNode: boolean;
  readonly operations: boolean;
  readonly timing: boolean;
  readonly outputAs: "text" | "xml";
  readonly help: boolean;
}

const flags: Readonly<Record<string, keyof MonitorOptions>> = {
  "-1": "oneShot",
  "--one-shot": "oneShot",
  "-r": "inactive",
  "--inactive": "inactive",
  "-f": "failCounts",
  "--failcounts": "failCounts",
  "-A": "nodeAttributes",
  "--show-node-attributes": "nodeAttributes",
  "-n": "groupByNode",
  "--group-by-node": "groupByNode",
  "-o": "operations",
  "--operations": "operations",
  "-t": "timing",
  "--timing-details": "timing",
  "-h": "help",
  "--help": "help",
};

function outputFormat(value: string): Result<"text" | "xml"> {
  if (value === "text" || value === "console") return ok("text");
  if (value === "xml") return ok("xml");
  return fail([issue("bad_output_format", `Unsupported output format: ${value} (text or xml)`)]);
}

/** Short flags may be bundled (`-1rf`); `--output-as=FMT`, `--output-as FMT` and `-X`. */
export function parseMonitorArguments(args: readonly string[]): Result<MonitorOptions> {
  const set: Record<string, boolean> = {};
  let outputAs: "text" | "xml" = "text";
  const issues: Issue[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const argument = args[index] ?? "";
    if (argument.startsWith("--output-as")) {
      const value = argument.includes("=")
        ? argument.slice(argument.indexOf("=") + 1)
        : args[++index];
      const format = outputFormat(value ?? "");
      if (format.ok) outputAs = format.value;
      else issues.push(...format.issues);
      continue;
    }
    if (argument === "-X" || argument === "--as-xml") {
      outputAs = "xml";
      continue;
    }
    const words = /^-[^-]{2,}$/.test(argument)
      ? [...argument.slice(1)].map((c) => `-${c}`)
      : [argument];
    for (const word of words) {
      const flag = flags[word];
      if (flag !== undefined) set[flag] = true;
      else {
        const hint = nearest(word, [...Object.keys(flags), "--output-as"]);
        const suffix = hint === undefined ? "" : ` (did you mean ${hint}?)`;
        issues.push(issue("unknown_option", `Unknown option: ${word}${suffix}`));
      }
    }
  }
  if (issues.length > 0) return fail(issues);
  const flag = (name: string): boolean => set[name] === true;
  return ok({
    oneShot: flag("oneShot"),
    inactive: flag("inactive"),
    failCounts: flag("failCounts"),
    nodeAttributes: flag("nodeAttributes"),
    groupByNode: flag("groupByNode"),
    operations: flag("operations") || flag("timing"),
    timing: flag("timing"),
    outputAs,
    help: flag("help"),
  });
}
