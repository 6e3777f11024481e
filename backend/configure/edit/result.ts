import type { Issue } from "../../base/index.js";
import type { XmlElement } from "../../cib/index.js";

export type EditCode =
  | "no_such_object"
  | "invalid_id"
  | "id_in_use"
  | "in_use"
  | "not_a_group"
  | "not_a_primitive"
  | "already_grouped"
  | "not_in_group"
  | "last_in_group"
  | "no_configuration";

export type EditIssue = Issue<EditCode>;

/** A new CIB tree and crmsh-style notes about cascaded changes (`hanging order:o1 deleted`). */
export interface EditResult {
  readonly cib: XmlElement;
  readonly notes: readonly string[];
}
