/**
 * crm_simulate's command line (Pacemaker 2.1): the options table and the parsed form.
 * Short options bundle (`-sSQ`), take their value attached or as the next word; long options
 * take `--name=value` or `--name value`.
 */
export interface SimulateOptions {
  /** Input CIB file; "-" is standard input (Pacemaker's default). */
  readonly xmlFile: string;
  readonly liveCheck: boolean;
  /** Schedule and print the Transition Summary (`-R`, implied by -S, -s, -G, -D). */
  readonly process: boolean;
  /** Also execute the graph and print the revised status (`-S`, implied by -F, -X). */
  readonly simulate: boolean;
  readonly inPlace: boolean;
  readonly showScores: boolean;
  readonly quiet: boolean;
  readonly nodeUp: readonly string[];
  readonly nodeDown: readonly string[];
  readonly nodeFail: readonly string[];
  readonly opInject: readonly string[];
  readonly opFail: readonly string[];
  readonly quorum: string | undefined;
  readonly watchdog: string | undefined;
  /** `-t`: ISO 8601 date/time to use as "now". */
  readonly dateTime: string | undefined;
  readonly saveInput: string | undefined;
  readonly saveOutput: string | undefined;
  readonly saveGraph: string | undefined;
  readonly saveDotfile: string | undefined;
  readonly allActions: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

export const defaultOptions: SimulateOptions = {
  xmlFile: "-",
  liveCheck: false,
  process: false,
  simulate: false,
  inPlace: false,
  showScores: false,
  quiet: false,
  nodeUp: [],
  nodeDown: [],
  nodeFail: [],
  opInject: [],
  opFail: [],
  quorum: undefined,
  watchdog: undefined,
  dateTime: undefined,
  saveInput: undefined,
  saveOutput: undefined,
  saveGraph: undefined,
  saveDotfile: undefined,
  allActions: false,
  help: false,
  version: false,
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
export type OptionsDraft = Mutable<SimulateOptions>;

export interface OptionSpec {
  readonly long: string;
  readonly short: string | undefined;
  /** Name of the value shown in help; undefined for a flag. */
  readonly value: string | undefined;
  readonly help: string;
  readonly apply: (draft: OptionsDraft, value: string) => void;
}

const flag = (
  long: string,
  short: string | undefined,
  help: string,
  apply: (d: OptionsDraft) => void,
): OptionSpec => ({
  long,
  short,
  value: undefined,
  help,
  apply: (draft) => apply(draft),
});

const valued = (
  long: string,
  short: string | undefined,
  value: string,
  help: string,
  apply: (d: OptionsDraft, v: string) => void,
): OptionSpec => ({ long, short, value, help, apply });

export const optionTable: readonly OptionSpec[] = [
  flag(
    "run",
    "R",
    "Process the supplied input and show what actions the cluster will take in response",
    (d) => {
      d.process = true;
    },
  ),
  flag(
    "simulate",
    "S",
    "Like --run, but also simulate taking those actions and show the resulting new status",
    (d) => {
      d.process = true;
      d.simulate = true;
    },
  ),
  flag(
    "in-place",
    "X",
    "Like --simulate, but also store the results back to the input file",
    (d) => {
      d.process = true;
      d.simulate = true;
      d.inPlace = true;
    },
  ),
  flag("show-scores", "s", "Show allocation scores", (d) => {
    d.process = true;
    d.showScores = true;
  }),
  valued("node-up", "u", "NODE", "Simulate bringing a node online", (d, v) => d.nodeUp.push(v)),
  valued("node-down", "d", "NODE", "Simulate taking a node offline", (d, v) => d.nodeDown.push(v)),
  valued("node-fail", "f", "NODE", "Simulate a node failing", (d, v) => d.nodeFail.push(v)),
  valued(
    "op-inject",
    "i",
    "OPSPEC",
    "Generate a failure for the cluster to react to in the simulation",
    (d, v) => d.opInject.push(v),
  ),
  valued(
    "op-fail",
    "F",
    "OPSPEC",
    "If the specified task occurs during the simulation, have it fail with return code ${rc}",
    (d, v) => {
      d.opFail.push(v);
      d.process = true;
      d.simulate = true;
    },
  ),
  valued("set-datetime", "t", "DATETIME", "Set date/time (ISO 8601 format)", (d, v) => {
    d.dateTime = v;
  }),
  valued(
    "quorum",
    "q",
    "QUORUM",
    "Set to '1' (or 'true') to indicate cluster has quorum",
    (d, v) => {
      d.quorum = v;
    },
  ),
  valued(
    "watchdog",
    "w",
    "DEVICE",
    "Set to '1' (or 'true') to indicate cluster has an active watchdog device",
    (d, v) => {
      d.watchdog = v;
    },
  ),
  valued("save-input", "I", "FILE", "Save the input configuration to the named file", (d, v) => {
    d.saveInput = v;
  }),
  valued("save-output", "O", "FILE", "Save the output configuration to the named file", (d, v) => {
    d.saveOutput = v;
  }),
  valued(
    "save-graph",
    "G",
    "FILE",
    "Save the transition graph (XML format) to the named file",
    (d, v) => {
      d.saveGraph = v;
      d.process = true;
    },
  ),
  valued(
    "save-dotfile",
    "D",
    "FILE",
    "Save the transition graph (DOT format) to the named file",
    (d, v) => {
      d.saveDotfile = v;
      d.process = true;
    },
  ),
  flag(
    "all-actions",
    "a",
    "Display all possible actions in DOT graph (even if not part of transition)",
    (d) => {
      d.allActions = true;
    },
  ),
  flag(
    "live-check",
    "L",
    "Connect to CIB manager and use the current CIB contents as input",
    (d) => {
      d.liveCheck = true;
    },
  ),
  valued("xml-file", "x", "FILE", "Retrieve XML from the named file", (d, v) => {
    d.xmlFile = v;
    d.liveCheck = false;
  }),
  flag("xml-pipe", "p", "Retrieve XML from stdin", (d) => {
    d.xmlFile = "-";
  }),
  flag("quiet", "Q", "Display only essential output", (d) => {
    d.quiet = true;
  }),
  flag("verbose", "V", "Increase debug output (accepted, no effect)", () => undefined),
  flag("version", "$", "Display software version and exit", (d) => {
    d.version = true;
  }),
  flag("help", "h", "Show help options", (d) => {
    d.help = true;
  }),
];
