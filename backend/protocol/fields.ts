/** Field readers shared by the frame decoders. Private to backend/protocol. */
import { fail, issue, ok } from "../base/index.js";
import type { Result } from "../base/index.js";
import type { WireErrorCode } from "./messages.js";

export type Fields = Readonly<Record<string, unknown>>;

/** Thrown only inside backend/protocol, to leave a nested check; always caught by guarded(). */
export class FieldError {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {}
}

export function isRecord(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function field(record: Fields, name: string): unknown {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

export function integerField(record: Fields, name: string): number {
  const value = field(record, name);
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new FieldError(name, "a non-negative integer");
  }
  return value;
}

export function stringField(record: Fields, name: string): string {
  const value = field(record, name);
  if (typeof value !== "string") throw new FieldError(name, "a string");
  return value;
}

export function booleanField(record: Fields, name: string): boolean {
  const value = field(record, name);
  if (typeof value !== "boolean") throw new FieldError(name, "a boolean");
  return value;
}

export function recordField(record: Fields, name: string): Fields {
  const value = field(record, name);
  if (!isRecord(value)) throw new FieldError(name, "an object");
  return value;
}

export function listField<T>(record: Fields, name: string, item: (value: unknown) => T): T[] {
  const value = field(record, name);
  if (!Array.isArray(value)) throw new FieldError(name, "a list");
  return value.map((entry: unknown) => item(entry));
}

export function asString(value: unknown): string {
  if (typeof value !== "string") throw new FieldError("[]", "a string");
  return value;
}

/** A string field that may be absent (undefined) but, when present, must be a string. */
export function optionalStringField(record: Fields, name: string): string | undefined {
  return field(record, name) === undefined ? undefined : stringField(record, name);
}

/** One of a fixed list of strings. */
export function choiceField<T extends string>(
  record: Fields,
  name: string,
  choices: readonly T[],
): T {
  const value = field(record, name);
  const chosen = choices.find((choice) => choice === value);
  if (chosen === undefined) throw new FieldError(name, `one of ${choices.join(", ")}`);
  return chosen;
}

/** Runs a decoder built from the readers above; a FieldError becomes a `bad_field` issue. */
export function guardedFields<T>(build: () => T): Result<T, WireErrorCode> {
  try {
    return ok(build());
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    return fail([
      issue("bad_field", `Field "${error.path}" must be ${error.expected}`, { path: [error.path] }),
    ]);
  }
}
