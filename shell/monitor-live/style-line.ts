import type { Palette } from "../components/palette.js";

/** Section headings of crm_mon's text. */
const heading = /^[A-Z][A-Za-z ]*:$/;

/** Colors one line of crm_mon's text: states green (running), red (failed, offline), yellow. */
export function styleMonitorLine(line: string, palette: Palette): string {
  if (line === "Failed Resource Actions:") return palette.bad(palette.heading(line));
  if (heading.test(line)) return palette.heading(line);
  if (/FAILED|UNCLEAN|OFFLINE|returned '|blocked/.test(line)) return palette.bad(line);
  if (/standby|maintenance|Stopped|pending|disabled/.test(line)) return palette.warning(line);
  if (/Started|Promoted|Unpromoted|Online:|partition with quorum/.test(line)) {
    return palette.good(line);
  }
  return line;
}
