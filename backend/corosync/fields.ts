import { issue, nearest } from "../base/index.js";
import type { Issue } from "../base/index.js";
import type { ConfEntry, ConfSection } from "./syntax.js";

/** How one key's value is read; `undefined` from read() means the value is bad. */
export interface Field<T> {
  readonly read: (value: string) => T | undefined;
  readonly expected: string;
}

export type FieldTable = Readonly<Record<string, Field<unknown>>>;

export type FieldValues<Table extends FieldTable> = {
  -readonly [K in keyof Table]?: Table[K] extends Field<infer T> ? T : never;
};

export type ConfigIssue = Issue<
  "unknown_key" | "bad_value" | "duplicate_key" | "unknown_section" | "missing_key" | "bad_nodelist"
>;

export function integer(min: number, max: number): Field<number> {
  return {
    expected: `an integer from ${min} to ${max}`,
    read: (value) => {
      if (!/^-?\d+$/.test(value)) return undefined;
      const parsed = Number(value);
      return parsed >= min && parsed <= max ? parsed : undefined;
    },
  };
}

const truthy = new Set(["yes", "on", "1", "true"]);
const falsy = new Set(["no", "off", "0", "false"]);

export const boolean: Field<boolean> = {
  expected: "yes, no, on, off, 1 or 0",
  read: (value) => {
    const lower = value.toLowerCase();
    if (truthy.has(lower)) return true;
    return falsy.has(lower) ? false : undefined;
  },
};

export function oneOf<const T extends string>(...choices: readonly T[]): Field<T> {
  return {
    expected: choices.map((choice) => `"${choice}"`).join(", "),
    read: (value) => choices.find((choice) => choice === value),
  };
}

export const text: Field<string> = {
  expected: "a non-empty value",
  read: (value) => (value === "" ? undefined : value),
};

/** Issue naming `file:line`, with a span on that line. */
export function configIssue(
  code: ConfigIssue["code"],
  message: string,
  where: { readonly file: string; readonly line: number },
  severity: "error" | "warning" = "error",
): ConfigIssue {
  return issue(code, `${where.file}:${where.line}: ${message}`, {
    severity,
    span: { line: where.line, column: 1, offset: 0, length: 0 },
  });
}

/** Keys corosync accepts that quorate reads but does not act on. */
export type IgnoredKeys = ReadonlySet<string>;

function readEntry(
  entry: ConfEntry,
  field: Field<unknown>,
  context: { readonly file: string; readonly path: string; readonly issues: ConfigIssue[] },
): unknown {
  const parsed = field.read(entry.value);
  if (parsed === undefined) {
    context.issues.push(
      configIssue(
        "bad_value",
        `Bad value "${entry.value}" for ${context.path}.${entry.key}: expected ${field.expected}`,
        { file: context.file, line: entry.line },
      ),
    );
  }
  return parsed;
}

/** Reads a section's entries through a field table; unknown keys are errors with a hint. */
export function readFields<Table extends FieldTable>(
  section: ConfSection,
  table: Table,
  context: {
    readonly file: string;
    readonly path: string;
    readonly ignored?: IgnoredKeys;
    readonly issues: ConfigIssue[];
  },
): FieldValues<Table> {
  const values: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const entry of section.entries) {
    const where = { file: context.file, line: entry.line };
    const field = table[entry.key];
    if (field === undefined) {
      if (context.ignored?.has(entry.key) === true) continue;
      const hint = nearest(entry.key, Object.keys(table));
      const suffix = hint === undefined ? "" : ` (did you mean "${hint}"?)`;
      context.issues.push(
        configIssue(
          "unknown_key",
          `Unknown key "${context.path}.${entry.key}"${suffix}`,
          where,
        ),
      );
      continue;
    }
    if (seen.has(entry.key)) {
      context.issues.push(
        configIssue(
          "duplicate_key",
          `Key "${context.path}.${entry.key}" is set twice; the last value wins`,
          where,
          "warning",
        ),
      );
    }
    seen.add(entry.key);
    const parsed = readEntry(entry, field, context);
    if (parsed !== undefined) values[entry.key] = parsed;
  }
  return values as FieldValues<Table>;
}
