import { appendFileSync } from "node:fs";

export type LogLevel = "debug" | "info" | "notice" | "warning" | "error";

export interface Log {
  write(level: LogLevel, subsystem: string, text: string): void;
}

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** corosync's hires stamp: `Nov 22 02:40:00.123`. */
function stamp(date: Date): string {
  const two = (value: number): string => String(value).padStart(2, "0");
  const clock = `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
  const millis = String(date.getMilliseconds()).padStart(3, "0");
  return `${months[date.getMonth()] ?? ""} ${two(date.getDate())} ${clock}.${millis}`;
}

/** Appends corosync-style lines (`stamp [node] subsystem: level   text`) to the log file. */
export function fileLog(options: {
  readonly path: string | undefined;
  readonly node: string;
  readonly toStderr: boolean;
  readonly debug: boolean;
}): Log {
  return {
    write(level, subsystem, text) {
      if (level === "debug" && !options.debug) return;
      const line = `${stamp(new Date())} [${options.node}] ${subsystem.padEnd(10)} ${level.padEnd(7)} ${text}\n`;
      if (options.path !== undefined) appendFileSync(options.path, line);
      if (options.toStderr) process.stderr.write(line);
    },
  };
}
