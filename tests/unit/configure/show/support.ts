import { readXml } from "../../../../backend/cib/index.js";
import type { XmlElement } from "../../../../backend/cib/index.js";
import type { ShowOptions } from "../../../../backend/configure/index.js";
import { showConfiguration } from "../../../../backend/configure/index.js";

/** A <cib> around the given configuration sections. */
export function cibOf(sections: string): XmlElement {
  const read = readXml(
    `<cib validate-with="pacemaker-3.9" epoch="3"><configuration>${sections}</configuration><status/></cib>`,
  );
  if (!read.ok) throw new Error(read.issues[0]?.message);
  return read.value;
}

/** The show text for these sections, failing the test on issues. */
export function show(sections: string, options: ShowOptions = {}): string {
  const shown = showConfiguration(cibOf(sections), options);
  if (!shown.ok) throw new Error(shown.issues[0]?.message);
  return shown.value;
}

export const dummy = (id: string, inner = ""): string =>
  `<primitive id="${id}" class="ocf" provider="heartbeat" type="Dummy">${inner}</primitive>`;
