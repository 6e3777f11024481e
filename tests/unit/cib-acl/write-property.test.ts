import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { element, firstChild, nodesEqual, type XmlElement } from "../../../backend/cib/index.js";
import { checkCibWrite } from "../../../daemons/cib/index.js";
import { aclCib } from "./fixture.js";
import { edits, randomEdit } from "./random-edits.js";

/**
 * Properties of checkCibWrite() on random edits of the fixture: without any write permission
 * every change is refused; with write on /cib and no deny every change is allowed; a deny on
 * the edited element's section refuses it whatever else is granted.
 */
function withRole(kinds: readonly { kind: string; xpath: string }[]): XmlElement {
  const cib = aclCib();
  const acls = firstChild(firstChild(cib, "configuration") ?? cib, "acls");
  acls?.children.push(
    element(
      "acl_role",
      { id: "prop-role" },
      kinds.map((entry, index) => element("acl_permission", { id: `prop-${index}`, ...entry })),
    ),
    element("acl_target", { id: "pat" }, [element("role", { id: "prop-role" })]),
  );
  return cib;
}

const pat = { user: "pat", unrestricted: false };
const edit = fc.record({
  kind: fc.constantFrom(...edits),
  seed: fc.integer({ min: 1, max: 10_000 }),
});

describe("checkCibWrite() properties", () => {
  test("read and deny alone never allow a change", () => {
    const permission = fc.record({
      kind: fc.constantFrom("read", "deny"),
      xpath: fc.constantFrom("/cib", "//primitive", "//nvpair", "/cib/configuration/resources"),
    });
    fc.assert(
      fc.property(fc.array(permission, { maxLength: 4 }), edit, (permissions, change) => {
        const before = withRole(permissions);
        const after = randomEdit(before, change.kind, change.seed);
        if (after === undefined || nodesEqual(before, after)) return;
        expect(checkCibWrite(before, after, pat).ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  test("write on /cib allows every change; a deny on the whole configuration refuses every change", () => {
    fc.assert(
      fc.property(edit, (change) => {
        const writer = withRole([{ kind: "write", xpath: "/cib" }]);
        const after = randomEdit(writer, change.kind, change.seed);
        if (after === undefined) return;
        expect(checkCibWrite(writer, after, pat).ok).toBe(true);
        const denied = withRole([
          { kind: "write", xpath: "/cib" },
          { kind: "deny", xpath: "/cib/configuration" },
        ]);
        const deniedAfter = randomEdit(denied, change.kind, change.seed);
        if (deniedAfter === undefined || nodesEqual(denied, deniedAfter)) return;
        expect(checkCibWrite(denied, deniedAfter, pat).ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
