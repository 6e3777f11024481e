import type { VerifyRun } from "./context.js";
import { nameOf } from "./context.js";

/** Elements whose `id` names another object instead of declaring one. */
const referenceElements: ReadonlySet<string> = new Set(["resource_ref", "obj_ref", "role"]);

/** Every declared id is unique in the whole configuration, and well formed. */
export function checkIds(run: VerifyRun): void {
  const seen = new Map<string, string>();
  for (const { element, owner } of run.visited) {
    const id = element.attributes["id"];
    if (id === undefined || referenceElements.has(element.name)) continue;
    if (id === "") {
      run.report(
        "bad_value",
        `${nameOf(owner)} has an element <${element.name}> with an empty id`,
        owner,
      );
      continue;
    }
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, element.name);
      continue;
    }
    run.report(
      "duplicate_id",
      `Duplicate id "${id}": <${element.name}> in ${nameOf(owner)} repeats the id of a <${first}>`,
      owner,
    );
  }
}
