// Round-trip property of the crm configure language: a random valid script, parsed and
// applied to an empty CIB, shown as text, parsed and applied again, gives the same
// configuration XML; and showing that second CIB prints the same text. ROUNDTRIP_RUNS
// raises the number of runs (default 300).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { XmlElement, XmlNode } from "../../backend/cib/index.js";
import { emptyCib, firstChild } from "../../backend/cib/index.js";
import { applyStatements, showConfiguration } from "../../backend/configure/index.js";
import { parseScript } from "../../grammar/index.js";

const runs = Number(process.env["ROUNDTRIP_RUNS"] ?? "300");

const primitivePool = ["vip", "web", "db", "app", "st", "fs"];
const nodePool = ["node1", "node2", "node3"];
const agents = ["ocf:heartbeat:Dummy", "ocf:pacemaker:Dummy", "ocf:heartbeat:IPaddr2"];
const promotableAgent = "ocf:pacemaker:Stateful";

/**
 * Values crm must quote: spaces, quotes of the other kind, `=`, `#`, unicode. No runs of
 * spaces: a primitive with a non-ASCII value is shown as an `xml` statement, and the grammar
 * reads `xml` text with runs of whitespace collapsed (reported to grammar/).
 */
const value = fc.oneof(
  fc.constantFrom("1", "yes", "192.0.2.10", "/var/lib/x", "a b", "it's", 'say "hi"', "x=y", "#1"),
  fc
    .stringMatching(/^[a-zA-Z0-9 ._:/=@%+,-]{1,12}$/)
    .filter((text) => text.trim() === text),
  fc.constantFrom("né", "ünïcode", "tab\\t"),
);
const paramName = fc.constantFrom("ip", "cidr_netmask", "state", "fake", "passwd", "dir", "opt");
const metaName = fc.constantFrom("target-role", "resource-stickiness", "migration-threshold");
const metaValue = fc.constantFrom("Stopped", "Started", "100", "INFINITY", "3");
const interval = fc.constantFrom("10s", "30s", "1m", "0", "20");
const score = fc.constantFrom("inf:", "-inf:", "100:", "-50:", "INFINITY:", "+inf:");

function pairs(name: fc.Arbitrary<string>, values: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .uniqueArray(fc.tuple(name, values), { maxLength: 3, selector: ([key]) => key })
    .map((list) => list.map(([key, text]) => `${key}=${quote(text)}`).join(" "));
}

function quote(text: string): string {
  if (/^[^\s"'=#\\]+$/u.test(text)) return text;
  return text.includes('"') ? `'${text}'` : `"${text}"`;
}

const operation = fc
  .tuple(fc.constantFrom("monitor", "start", "stop"), interval, fc.constantFrom("", "20s", "60"))
  .map(([task, every, timeout]) => {
    const timing = task === "monitor" ? ` interval=${every}` : " interval=0";
    return `op ${task}${timing}${timeout === "" ? "" : ` timeout=${timeout}`}`;
  });

function primitiveText(id: string, agent: string): fc.Arbitrary<string> {
  return fc
    .tuple(
      pairs(paramName, value),
      pairs(metaName, metaValue),
      fc.uniqueArray(operation, { maxLength: 2, selector: (op) => op.split(" ")[1] ?? "" }),
    )
    .map(([params, meta, ops]) =>
      [
        `primitive ${id} ${agent}`,
        params === "" ? "" : ` params ${params}`,
        meta === "" ? "" : ` meta ${meta}`,
        ...ops.map((op) => ` ${op}`),
      ].join(""),
    );
}

interface Plan {
  readonly primitives: readonly string[];
  readonly groupSize: number;
  readonly cloned: boolean;
  readonly promoted: boolean;
}

const plan: fc.Arbitrary<Plan> = fc.record({
  primitives: fc.shuffledSubarray(primitivePool, { minLength: 1, maxLength: 6 }),
  groupSize: fc.nat({ max: 3 }),
  cloned: fc.boolean(),
  promoted: fc.boolean(),
});

/** The resource statements and the ids constraints may name (top-level resources). */
function resourcesOf(shape: Plan): fc.Arbitrary<{ lines: string[]; tops: string[] }> {
  const left = [...shape.primitives];
  const promotedId = shape.promoted ? left.pop() : undefined;
  const clonedId = shape.cloned ? left.pop() : undefined;
  const grouped = shape.groupSize >= 1 ? left.splice(0, shape.groupSize) : [];
  const lines: fc.Arbitrary<string>[] = [];
  const tops = [...left];
  for (const id of shape.primitives) {
    const agent = id === promotedId ? fc.constant(promotableAgent) : fc.constantFrom(...agents);
    lines.push(agent.chain((name) => primitiveText(id, name)));
  }
  if (grouped.length > 0) {
    lines.push(fc.constant(`group g1 ${grouped.join(" ")}`));
    tops.push("g1");
  }
  if (clonedId !== undefined) {
    lines.push(
      pairs(fc.constantFrom("clone-max", "interleave"), fc.constantFrom("2", "true")).map(
        (meta) => `clone cl1 ${clonedId}${meta === "" ? "" : ` meta ${meta}`}`,
      ),
    );
    tops.push("cl1");
  }
  if (promotedId !== undefined) {
    lines.push(fc.constant(`clone ms1 ${promotedId} meta promotable=true promoted-max=1`));
    tops.push("ms1");
  }
  return fc.tuple(...lines).map((texts) => ({ lines: texts, tops }));
}

function locationText(tops: readonly string[]): fc.Arbitrary<string> {
  const rsc = fc.constantFrom(...tops);
  const simple = fc
    .tuple(rsc, score, fc.constantFrom(...nodePool))
    .map(([id, points, node]) => `${id} ${points} ${node}`);
  const rule = fc
    .tuple(rsc, score, fc.constantFrom("#uname eq node1", "pingd lte 0", "not_defined pingd"))
    .map(([id, points, expression]) => `${id} rule ${points} ${expression}`);
  const roleRule = fc
    .tuple(rsc, fc.constantFrom("defined a and b gt 1", "date gt 2030-01-01"))
    .map(([id, expression]) => `${id} rule 50: ${expression}`);
  return fc.oneof(simple, rule, roleRule);
}

function pairConstraints(tops: readonly string[]): fc.Arbitrary<(string | null)[]> {
  if (tops.length < 2) return fc.constant([]);
  const pair = fc.uniqueArray(fc.constantFrom(...tops), { minLength: 2, maxLength: 2 });
  const colocation = fc
    .tuple(score, pair)
    .map(([points, [a, b]]) => (b === undefined ? "" : `colocation col1 ${points} ${a} ${b}`));
  const kind = fc.constantFrom("Mandatory:", "Optional:", "Serialize:", "inf:", "0:");
  const order = fc
    .tuple(
      kind,
      fc.uniqueArray(fc.constantFrom(...tops), {
        minLength: 2,
        maxLength: Math.min(4, tops.length),
      }),
    )
    .chain(([orderKind, ids]) =>
      fc.constantFrom(
        `order o1 ${orderKind} ${ids.join(" ")}`,
        ids.length >= 3 ? `order o1 ${orderKind} ${ids[0]} ( ${ids.slice(1).join(" ")} )` : "",
        ids.length >= 3
          ? `order o1 ${orderKind} [ ${ids.slice(0, 2).join(" ")} ] ${ids.slice(2).join(" ")}`
          : "",
      ),
    );
  return fc.tuple(fc.option(colocation), fc.option(order));
}

function constraintLines(tops: readonly string[]): fc.Arbitrary<string[]> {
  if (tops.length === 0) return fc.constant([]);
  const location = fc
    .array(locationText(tops), { maxLength: 2 })
    .map((list) => list.map((text, index) => `location loc${index + 1} ${text}`));
  const tag = fc
    .uniqueArray(fc.constantFrom(...tops), { minLength: 1, maxLength: 3 })
    .map((ids) => `tag t1 ${ids.join(" ")}`);
  return fc
    .tuple(location, pairConstraints(tops), fc.option(tag))
    .map(([locations, pairs, tagLine]) =>
      [...locations, ...pairs, tagLine].filter((line): line is string => line !== null),
    );
}

const globals = fc
  .tuple(
    pairs(fc.constantFrom("cluster-name", "stonith-enabled", "no-quorum-policy"), value),
    pairs(fc.constantFrom("resource-stickiness", "migration-threshold"), metaValue),
    fc.uniqueArray(fc.constantFrom(...nodePool), { maxLength: 3 }),
  )
  .map(([properties, defaults, nodes]) => [
    ...nodes.map((node) => `node ${node}`),
    properties === "" ? "" : `property ${properties}`,
    defaults === "" ? "" : `rsc_defaults ${defaults}`,
  ]);

const script: fc.Arbitrary<string> = plan
  .chain(resourcesOf)
  .chain(({ lines, tops }) =>
    fc.tuple(globals, constraintLines(tops)).map(([head, tail]) => [...head, ...lines, ...tail]),
  )
  .map((lines) => `${lines.filter((line) => line !== "").join("\n")}\n`);

/** Sections whose children's order carries no meaning (show prints them in its own order). */
const unorderedSections = new Set(["configuration", "nodes", "resources", "constraints", "tags"]);

/** Attribute order, whitespace and the order of objects in a section ignored. */
function canonical(node: XmlNode): string {
  if (node.kind !== "element") return node.kind === "comment" ? `<!--${node.text}-->` : "";
  const attributes = Object.entries(node.attributes)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, text]) => ` ${name}=${JSON.stringify(text)}`)
    .join("");
  const children = node.children.map(canonical);
  if (unorderedSections.has(node.name)) children.sort();
  return `<${node.name}${attributes}>${children.join("")}</${node.name}>`;
}

function load(text: string): XmlElement {
  const parsed = parseScript(text);
  if (!parsed.ok) throw new Error(`parse: ${parsed.issues.map((i) => i.message).join("; ")}`);
  const applied = applyStatements(emptyCib(), parsed.value, { mode: "update" });
  if (!applied.ok) throw new Error(`apply: ${applied.issues.map((i) => i.message).join("; ")}`);
  return applied.value;
}

function configuration(cib: XmlElement): string {
  const found = firstChild(cib, "configuration");
  if (found === undefined) throw new Error("no configuration");
  return canonical(found);
}

function show(cib: XmlElement): string {
  const shown = showConfiguration(cib, { obscure: false });
  if (!shown.ok) throw new Error(`show: ${shown.issues.map((i) => i.message).join("; ")}`);
  return shown.value;
}

describe("crm configure round trip (text → CIB → show → CIB)", () => {
  it(`keeps the configuration XML and the shown text (${runs} runs)`, () => {
    fc.assert(
      fc.property(script, (text) => {
        const first = load(text);
        const shown = show(first);
        const second = load(shown);
        expect(configuration(second)).toBe(configuration(first));
        expect(show(second)).toBe(shown);
      }),
      { numRuns: runs },
    );
  });
});
