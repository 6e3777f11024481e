import type { AdminIssue } from "./change.js";
import { issue } from "../base/index.js";

const durationPattern =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** A lifetime's ISO 8601 duration (crm_resource --lifetime, e.g. PT1H, P1D), in parts. */
export interface Duration {
  readonly years: number;
  readonly months: number;
  readonly days: number;
  readonly seconds: number;
}

export function parseDuration(text: string): Duration | AdminIssue {
  const match = durationPattern.exec(text);
  if (match === null || text === "P" || text.endsWith("T")) {
    return issue("bad_lifetime", `Invalid lifetime "${text}": expected an ISO 8601 duration`, {
      suggestion: "for example PT1H (one hour), P1D (one day) or PT30M",
    });
  }
  const part = (index: number): number => Number(match[index] ?? "0");
  return {
    years: part(1),
    months: part(2),
    days: part(3) * 7 + part(4),
    seconds: part(5) * 3600 + part(6) * 60 + part(7),
  };
}

export function isDuration(text: string): boolean {
  return !("code" in parseDuration(text));
}

/** `now` (epoch seconds) plus the duration, calendar-wise for years and months, in UTC. */
export function addDuration(nowSeconds: number, duration: Duration): number {
  const date = new Date(nowSeconds * 1000);
  date.setUTCFullYear(date.getUTCFullYear() + duration.years);
  date.setUTCMonth(date.getUTCMonth() + duration.months);
  date.setUTCDate(date.getUTCDate() + duration.days);
  return Math.floor(date.getTime() / 1000) + duration.seconds;
}

/** Pacemaker's date text in rules and messages: `2026-11-22 06:09:36Z`. */
export function pacemakerDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
}
