import type { Issue } from "./issues.js";

export type Result<T, Code extends string = string> =
  | { readonly ok: true; readonly value: T; readonly issues: readonly Issue<Code>[] }
  | { readonly ok: false; readonly issues: readonly Issue<Code>[] };

export function ok<T, Code extends string = string>(
  value: T,
  issues: readonly Issue<Code>[] = [],
): Result<T, Code> {
  return { ok: true, value, issues };
}

export function fail<T = never, Code extends string = string>(
  issues: readonly Issue<Code>[],
): Result<T, Code> {
  return { ok: false, issues };
}
