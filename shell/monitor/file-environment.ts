import { readFileSync } from "node:fs";
import type { MonitorEnvironment } from "./index.js";

/** The monitor's inputs on this host: the CIB file named by CIB_file, and the wall clock. */
export function fileMonitorEnvironment(
  environment: Readonly<Record<string, string | undefined>>,
): MonitorEnvironment {
  return {
    cibFile: environment["CIB_file"],
    readFile: (path) => {
      try {
        return { ok: true, value: readFileSync(path, "utf8") };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason = code === "ENOENT" ? "no such file" : String(error);
        return { ok: false, message: `Cannot read ${path}: ${reason}` };
      }
    },
    wallClock: () => Math.floor(Date.now() / 1000),
  };
}
