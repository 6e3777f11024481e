/**
 * crm_simulate as a function: argv and an environment (file reads, the wall clock) in;
 * stdout, stderr, exit code and the files to write out. Nothing is written when any step
 * fails, so a bad argument or input never leaves a half-made output file.
 */
import type { Issue, Result } from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { cloneNode, ensureChild, readXml, writeXml } from "../../backend/cib/index.js";
import { listItem } from "../render/status/index.js";
import { executeGraph, knownResourceNames } from "./execute.js";
import { applyInjections, hasInjections } from "./inject.js";
import type { SimulateOptions } from "./options.js";
import { parseArguments, usageText } from "./parse-arguments.js";
import type { SchedulePlan, Scheduler } from "./plan.js";
import { Printer } from "./printer.js";
import {
  printCurrentStatus,
  printEffectiveDate,
  printStatus,
  unpackForStatus,
  withEffectiveDate,
} from "./status-block.js";
import { writeGraphXml } from "./graph-xml.js";
import { writeGraphDot } from "./graph-dot.js";

export interface SimulateEnvironment {
  readonly readFile: (path: string) => Result<string>;
  readonly readStdin: () => Result<string>;
  /** Epoch seconds, for the timestamps written into simulated history. */
  readonly wallClock: () => number;
}

export interface OutputFile {
  readonly path: string;
  readonly text: string;
}

export interface SimulateOutcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly files: readonly OutputFile[];
}

/** Exit codes as Pacemaker's (CRM_EX_USAGE, CRM_EX_DATAERR, CRM_EX_NOINPUT, CRM_EX_SOFTWARE). */
export const exitCodes = {
  ok: 0,
  error: 1,
  usage: 64,
  dataError: 65,
  noInput: 66,
  software: 70,
} as const;

const version = "crm_simulate (quorate) 0.1.0, compatible with Pacemaker 2.1.5\n";

function failed(exitCode: number, issues: readonly Issue[], stdout = ""): SimulateOutcome {
  const stderr = issues.map((problem) => `crm_simulate: ${problem.message}\n`).join("");
  return { stdout, stderr, exitCode, files: [] };
}

function readInput(options: SimulateOptions, environment: SimulateEnvironment): Result<XmlElement> {
  const text =
    options.xmlFile === "-" ? environment.readStdin() : environment.readFile(options.xmlFile);
  if (!text.ok) return text;
  const where = options.xmlFile === "-" ? "standard input" : options.xmlFile;
  const parsed = readXml(text.value);
  if (!parsed.ok) {
    return {
      ok: false,
      issues: parsed.issues.map((problem) => {
        const at = problem.span === undefined ? "" : `:${problem.span.line}:${problem.span.column}`;
        return { ...problem, message: `${where}${at}: ${problem.message}` };
      }),
    };
  }
  if (parsed.value.name !== "cib") {
    return {
      ok: false,
      issues: [
        {
          code: "not_a_cib",
          message: `${where}: the root element is <${parsed.value.name}>, not <cib>`,
        },
      ],
    };
  }
  ensureChild(parsed.value, "status");
  return parsed;
}

interface Session {
  readonly options: SimulateOptions;
  readonly environment: SimulateEnvironment;
  readonly scheduler: Scheduler;
  readonly printer: Printer;
  readonly cib: XmlElement;
  readonly stderr: string[];
  readonly files: OutputFile[];
}

function printPlan(session: Session, plan: SchedulePlan): void {
  const { printer, options } = session;
  if (options.showScores) {
    printer.spacer();
    printer.raw(plan.scores);
    printer.markPrinted();
  }
  if (!printer.quiet) {
    printer.spacer();
    printer.list(
      listItem(
        "Transition Summary",
        plan.summary.map((line) => listItem(line)),
      ),
    );
    printer.markPrinted();
  }
}

function simulateTransition(session: Session, plan: SchedulePlan): Result<void> {
  const { printer, options, cib } = session;
  printer.spacer();
  const now = session.environment.wallClock();
  const knownNames = knownResourceNames(cib);
  const result = executeGraph(plan.graph, { cib, opFail: options.opFail, now, knownNames });
  const entries = result.lines.map((line) => ({ text: line.text, info: line.kind === "info" }));
  printer.entries("Executing Cluster Transition", entries);
  if (!result.complete) {
    session.stderr.push("Transition failed: terminated", "An invalid transition was produced");
  }
  if (printer.quiet) return { ok: true, value: undefined, issues: [] };
  printEffectiveDate(printer, cib, options.dateTime);
  const revised = unpackForStatus(cib, options.dateTime);
  if (!revised.ok) return revised;
  printStatus(printer, revised.value, "Revised Cluster Status");
  return { ok: true, value: undefined, issues: [] };
}

function injectAndSave(session: Session): Result<void> {
  const { options, printer, cib } = session;
  if (!hasInjections(options)) return { ok: true, value: undefined, issues: [] };
  printer.spacer();
  const log = applyInjections(cib, options, session.environment.wallClock());
  if (!log.ok) return log;
  printer.list(
    listItem(
      "Performing Requested Modifications",
      log.value.map((line) => listItem(line)),
    ),
  );
  printer.markPrinted();
  printEffectiveDate(printer, cib, options.dateTime);
  return { ok: true, value: undefined, issues: [] };
}

function schedulePlan(session: Session): Result<SchedulePlan | undefined> {
  const { options } = session;
  if (!options.process) return { ok: true, value: undefined, issues: [] };
  const view = withEffectiveDate(cloneNode(session.cib), options.dateTime);
  // Without -t (and without an execution-date in the CIB) "now" is the wall clock, as Pacemaker's.
  const now = options.dateTime ?? String(session.environment.wallClock());
  const plan = session.scheduler(view, now);
  if (!plan.ok) return plan;
  if (options.saveGraph !== undefined) {
    session.files.push({ path: options.saveGraph, text: writeGraphXml(plan.value.graph) });
  }
  if (options.saveDotfile !== undefined) {
    session.files.push({ path: options.saveDotfile, text: writeGraphDot(plan.value.graph) });
  }
  printPlan(session, plan.value);
  return plan;
}

function simulate(session: Session): Result<void> {
  const { options, printer, cib } = session;
  printEffectiveDate(printer, cib, options.dateTime);
  const current = unpackForStatus(cib, options.dateTime);
  if (!current.ok) return current;
  printCurrentStatus(printer, current.value);
  const injected = injectAndSave(session);
  if (!injected.ok) return injected;
  if (options.saveInput !== undefined)
    session.files.push({ path: options.saveInput, text: writeXml(cib) });
  const plan = schedulePlan(session);
  if (!plan.ok) return plan;
  if (plan.value !== undefined && options.simulate) {
    const simulated = simulateTransition(session, plan.value);
    if (!simulated.ok) return simulated;
  }
  const output = options.inPlace ? options.xmlFile : options.saveOutput;
  if (output !== undefined) session.files.push({ path: output, text: writeXml(cib) });
  return { ok: true, value: undefined, issues: [] };
}

/** Runs crm_simulate with `argv` (the words after the program name). */
export function runSimulate(
  argv: readonly string[],
  environment: SimulateEnvironment,
  scheduler: Scheduler,
): SimulateOutcome {
  const parsed = parseArguments(argv);
  if (!parsed.ok) return failed(exitCodes.usage, parsed.issues);
  const options = parsed.value;
  if (options.help) return { stdout: usageText(), stderr: "", exitCode: 0, files: [] };
  if (options.version) return { stdout: version, stderr: "", exitCode: 0, files: [] };
  if (options.liveCheck) {
    const message =
      "--live-check is not supported: this crm_simulate works on a CIB file (-x FILE or -p); " +
      "save the live CIB first (cibadmin -Q > FILE, or crm configure save xml FILE)";
    return failed(exitCodes.usage, [{ code: "live_check", message }]);
  }
  if (options.inPlace && options.xmlFile === "-") {
    return failed(exitCodes.usage, [
      { code: "in_place_stdin", message: "--in-place needs an input file (-x FILE)" },
    ]);
  }
  const cib = readInput(options, environment);
  if (!cib.ok) return failed(exitCodes.noInput, cib.issues);
  const printer = new Printer(!options.showScores, options.quiet);
  const session: Session = {
    options,
    environment,
    scheduler,
    printer,
    cib: cib.value,
    stderr: [],
    files: [],
  };
  const result = simulate(session);
  if (!result.ok) return failed(exitCodes.dataError, result.issues, printer.text());
  const stderr = session.stderr.map((line) => `${line}\n`).join("");
  const exitCode = session.stderr.length > 0 ? exitCodes.software : exitCodes.ok;
  return { stdout: printer.text(), stderr, exitCode, files: session.files };
}
