/** Dates and durations as crm_mon prints them (ctime layout in the local time zone). */
const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function twoDigits(value: number): string {
  return String(value).padStart(2, "0");
}

/** `Sat Nov 21 23:29:46 2026`: the day of the month padded with a space, as ctime() does. */
export function formatCtime(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  const time = [date.getHours(), date.getMinutes(), date.getSeconds()].map(twoDigits).join(":");
  const day = String(date.getDate()).padStart(2, " ");
  return `${weekdays[date.getDay()] ?? ""} ${months[date.getMonth()] ?? ""} ${day} ${time} ${date.getFullYear()}`;
}

/** `2026-11-21 23:29:46Z`, the XML output's form of a failure's last-rc-change. */
export function formatIsoUtc(epochSeconds: number): string {
  const iso = new Date(epochSeconds * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

/** `33ms` under a second, `30.160s` from one second up. */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${milliseconds}ms`;
  return `${(milliseconds / 1000).toFixed(3)}s`;
}
