import type { XmlElement } from "./xml-node.js";
import { element } from "./xml-node.js";

/** The CIB feature set and schema quorate writes, as Pacemaker 2.1.5 does. */
export const crmFeatureSet = "3.16.1";
export const validateWith = "pacemaker-3.9";

/** A new, empty CIB, as `cibadmin --empty` writes it. */
export function emptyCib(): XmlElement {
  return element(
    "cib",
    {
      crm_feature_set: crmFeatureSet,
      "validate-with": validateWith,
      epoch: "1",
      num_updates: "0",
      admin_epoch: "0",
    },
    [
      element("configuration", {}, [
        element("crm_config"),
        element("nodes"),
        element("resources"),
        element("constraints"),
      ]),
      element("status"),
    ],
  );
}
