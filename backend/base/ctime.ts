/** A wall-clock instant as a local calendar reads it (what ctime() prints). */
export interface CalendarTime {
  /** 0 = Sunday. */
  readonly weekday: number;
  /** 0 = January. */
  readonly month: number;
  readonly day: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly year: number;
}

const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function twoDigits(value: number): string {
  return String(value).padStart(2, "0");
}

/**
 * `Sat Nov 21 23:29:46 2026`: the day of the month padded with a space, as ctime() does; the
 * form of crm_mon's dates and of the CIB's cib-last-written.
 */
export function ctimeText(time: CalendarTime): string {
  const clock = [time.hours, time.minutes, time.seconds].map(twoDigits).join(":");
  const day = String(time.day).padStart(2, " ");
  return `${weekdays[time.weekday] ?? ""} ${months[time.month] ?? ""} ${day} ${clock} ${time.year}`;
}
