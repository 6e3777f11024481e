/**
 * ISO 8601 dates for rules and `execution-date`, as epoch seconds (UTC). No Date objects:
 * time is an input, and the arithmetic is civil-calendar math.
 */

/** Days since 1970-01-01 of a proleptic Gregorian date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthIndex = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthIndex + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export interface CivilTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  readonly weekday: number;
  readonly yearday: number;
}

export function civilFromEpoch(epochSeconds: number): CivilTime {
  const days = Math.floor(epochSeconds / 86400);
  const secondsOfDay = epochSeconds - days * 86400;
  const shifted = days + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const weekday = ((((days + 3) % 7) + 7) % 7) + 1;
  return {
    year, month, day,
    hour: Math.floor(secondsOfDay / 3600),
    minute: Math.floor((secondsOfDay % 3600) / 60),
    second: secondsOfDay % 60,
    weekday,
    yearday: days - daysFromCivil(year, 1, 1) + 1,
  };
}

/** Parses "2019-09-20 15:10:52Z", "2006-04-24T00:00:00+02:00", "2005-001", or epoch digits. */
export function parseIsoDate(text: string): number | undefined {
  const trimmed = text.trim();
  const ordinal = /^(\d{4})-(\d{3})$/.exec(trimmed);
  if (ordinal !== null) {
    return (daysFromCivil(Number(ordinal[1]), 1, 1) + Number(ordinal[2]) - 1) * 86400;
  }
  const match =
    /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(
      trimmed,
    );
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, zone] = match;
  let seconds =
    daysFromCivil(Number(year), Number(month), Number(day)) * 86400 +
    Number(hour ?? 0) * 3600 + Number(minute ?? 0) * 60 + Number(second ?? 0);
  if (zone !== undefined && zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    seconds -= sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2)) * 60);
  }
  return seconds;
}

/** Adds an ISO duration element (`<duration years=… months=… …/>` attributes). */
export function addDuration(epochSeconds: number, duration: Record<string, string>): number {
  const civil = civilFromEpoch(epochSeconds);
  const years = Number(duration["years"] ?? 0);
  const months = Number(duration["months"] ?? 0) + years * 12;
  const totalMonths = civil.month - 1 + months;
  const year = civil.year + Math.floor(totalMonths / 12);
  const month = (totalMonths % 12 + 12) % 12 + 1;
  let result =
    daysFromCivil(year, month, civil.day) * 86400 + civil.hour * 3600 + civil.minute * 60 +
    civil.second;
  result += Number(duration["weeks"] ?? 0) * 7 * 86400 + Number(duration["days"] ?? 0) * 86400;
  result += Number(duration["hours"] ?? 0) * 3600 + Number(duration["minutes"] ?? 0) * 60;
  result += Number(duration["seconds"] ?? 0);
  return result;
}

/** "2019-09-20 15:10:52Z", as crm_simulate prints the execution date. */
export function formatIsoDate(epochSeconds: number): string {
  const civil = civilFromEpoch(epochSeconds);
  const pad = (value: number, width = 2): string => String(value).padStart(width, "0");
  return (
    `${pad(civil.year, 4)}-${pad(civil.month)}-${pad(civil.day)} ` +
    `${pad(civil.hour)}:${pad(civil.minute)}:${pad(civil.second)}Z`
  );
}
