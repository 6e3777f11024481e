/**
 * Client requests on node attributes (what crm_attribute and attrd_updater do): transient
 * attributes live in attrd and reach the status section; permanent ones go to `nodes`.
 */

/** Where an attribute lives: `status` (transient_attributes) or `nodes` (instance_attributes). */
export const attributeSections = ["status", "nodes"] as const;
export type AttributeSection = (typeof attributeSections)[number];

/** One node attribute as attrd holds it. */
export interface NodeAttribute {
  readonly node: string;
  readonly name: string;
  readonly value: string;
}

export type AttributeRequest =
  /**
   * Sets (value) or deletes (null) one attribute of a node. `lifetimeReboot` is
   * crm_attribute's `--lifetime reboot` (transient); `dampenMs` is attrd_updater's `--delay`.
   */
  | {
      readonly kind: "attribute_update_requested";
      readonly id: number;
      readonly node: string;
      readonly name: string;
      readonly value: string | null;
      readonly section: AttributeSection;
      readonly lifetimeReboot: boolean;
      readonly dampenMs?: number;
    }
  /** One transient attribute's value as attrd holds it (null when unset). */
  | {
      readonly kind: "attribute_query_requested";
      readonly id: number;
      readonly node: string;
      readonly name: string;
    }
  /** Every transient attribute, or those of one node (attrd_updater --query --all). */
  | { readonly kind: "attribute_list_requested"; readonly id: number; readonly node?: string };

export type AttributeServerMessage =
  | {
      readonly kind: "attribute_updated";
      readonly id: number;
      readonly node: string;
      readonly name: string;
    }
  | {
      readonly kind: "attribute_value";
      readonly id: number;
      readonly node: string;
      readonly name: string;
      readonly value: string | null;
    }
  | {
      readonly kind: "attribute_list";
      readonly id: number;
      readonly attributes: readonly NodeAttribute[];
    };
