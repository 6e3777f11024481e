/** Dates and durations as crm_mon prints them (ctime layout in the local time zone). */
import { ctimeText } from "../../backend/base/index.js";

/** `Sat Nov 21 23:29:46 2026`, in the local time zone. */
export function formatCtime(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  return ctimeText({
    weekday: date.getDay(),
    month: date.getMonth(),
    day: date.getDate(),
    hours: date.getHours(),
    minutes: date.getMinutes(),
    seconds: date.getSeconds(),
    year: date.getFullYear(),
  });
}

/** `2026-11-21 23:29:46Z`, the XML output's form of a failure's last-rc-change. */
export function formatIsoUtc(epochSeconds: number): string {
  const iso = new Date(epochSeconds * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

/**
 * Pacemaker's readable interval: days, hours and minutes while more than one remains, then
 * `Ns`/`N.NNNs` above a second or `NNNms` (`2m59.014s`, `1000ms`, `2m`, `0s`).
 */
export function formatDuration(milliseconds: number): string {
  const units: [number, string][] = [
    [86400000, "d"],
    [3600000, "h"],
    [60000, "m"],
  ];
  let rest = milliseconds;
  let text = "";
  for (const [size, suffix] of units) {
    if (rest <= size) continue;
    text += `${Math.floor(rest / size)}${suffix}`;
    rest %= size;
  }
  if (rest > 1000) {
    const fraction = rest % 1000;
    text += `${Math.floor(rest / 1000)}${fraction > 0 ? `.${String(fraction).padStart(3, "0")}` : ""}s`;
  } else if (rest > 0) text += `${rest}ms`;
  return text === "" ? "0s" : text;
}
