import type { XmlElement } from "../../cib/index.js";
import type { ShowContext } from "./context.js";
import { cliFormat, nvpairFormat } from "./format.js";

/** How one kind of object prints: its first line, then one part per XML child. */
export interface ObjectPrinter {
  head(element: XmlElement, context: ShowContext): string | undefined;
  child(child: XmlElement, context: ShowContext, owner: XmlElement): string | undefined;
}

/** crmsh keeps comments as `<!--# text-->`; it trims them and makes sure they start with `#`. */
export function commentText(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith("#") ? trimmed : `# ${trimmed}`;
}

/**
 * The generic shape of crmsh's `repr_cli`: head, `description=…`, one part per child
 * element (empty parts dropped), joined with continuations; comments go above.
 */
export function printObject(
  printer: ObjectPrinter,
  element: XmlElement,
  context: ShowContext,
): string | undefined {
  const head = printer.head(element, context);
  if (head === undefined || head === "") return undefined;
  const parts = [head];
  const description = element.attributes["description"];
  if (description !== undefined && description !== "") {
    parts.push(nvpairFormat("description", description));
  }
  const comments: string[] = [];
  for (const child of element.children) {
    if (child.kind === "comment") comments.push(commentText(child.text));
    else if (child.kind === "element") {
      const text = printer.child(child, context, element);
      if (text !== undefined && text !== "") parts.push(text);
    }
  }
  const body = cliFormat(parts);
  return comments.length > 0 ? `${comments.join("\n")}\n${body}` : body;
}
