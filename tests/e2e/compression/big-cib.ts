import type { XmlElement } from "../../../backend/cib/index.js";
import { element, emptyCib, writeXml } from "../../../backend/cib/index.js";

/** A resource template with 30 instance attributes: CIB bulk that sets nothing in motion. */
export function bulkTemplate(id: string): XmlElement {
  const nvpairs = Array.from({ length: 30 }, (_, index) =>
    element("nvpair", {
      id: `${id}-param${index}`,
      name: `param${index}`,
      value: `/srv/data/${id}/volume-${index}/mount-point`,
    }),
  );
  return element("template", { id, class: "ocf", provider: "pacemaker", type: "Dummy" }, [
    element("instance_attributes", { id: `${id}-instance_attributes` }, nvpairs),
  ]);
}

/** bulkTemplate(id) as writeXml writes it without indentation, made as text (20 MB in ms). */
export function bulkTemplateText(id: string): string {
  const nvpairs = Array.from(
    { length: 30 },
    (_, index) =>
      `<nvpair id="${id}-param${index}" name="param${index}" ` +
      `value="/srv/data/${id}/volume-${index}/mount-point"/>`,
  );
  return (
    `<template id="${id}" class="ocf" provider="pacemaker" type="Dummy">` +
    `<instance_attributes id="${id}-instance_attributes">${nvpairs.join("")}` +
    `</instance_attributes></template>`
  );
}

/**
 * A valid CIB of at least `bytes`, as writeXml writes it without indentation, made of
 * templates `bulk-0`, `bulk-1`…: built as text, since serialising a 20 MB tree takes seconds.
 */
export function bigCibText(bytes: number): { readonly text: string; readonly lastId: string } {
  const cib = emptyCib();
  cib.attributes["epoch"] = "7";
  const [head, tail] = writeXml(cib, { indent: 0 }).split("<resources/>");
  const templates: string[] = [];
  let length = 0;
  while (length < bytes) {
    const text = bulkTemplateText(`bulk-${templates.length}`);
    templates.push(text);
    length += text.length;
  }
  const text = `${head ?? ""}<resources>${templates.join("")}</resources>${tail ?? ""}`;
  return { text, lastId: `bulk-${templates.length - 1}` };
}
