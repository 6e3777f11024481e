import { describe, expect, test } from "vitest";
import {
  cibDigest,
  element,
  emptyCib,
  ensureChild,
  type XmlElement,
} from "../../../backend/cib/index.js";
import {
  applyPatchset,
  cibVersion,
  nextVersion,
  type Patchset,
} from "../../../daemons/cib/index.js";
import { cibAclAccess, clusterDaemonIdentity } from "../../../daemons/node/cib-access.js";
import { lastWrittenText } from "../../../daemons/node/cib-last-written.js";
import { CibWritePreparer, digestSampleMs } from "../../../daemons/node/cib-prepare.js";

/** A patch adding one primitive to `cib`, optionally with the digest of its result. */
function addition(cib: XmlElement, id: string, digest?: string): Patchset {
  const target = nextVersion(cibVersion(cib), true);
  return {
    source: cibVersion(cib),
    target,
    ...(digest === undefined ? {} : { digest }),
    changes: [
      {
        kind: "modify",
        path: "/cib",
        attributes: [{ name: "epoch", operation: "set", value: String(target.epoch) }],
        result: element("cib", { ...cib.attributes, epoch: String(target.epoch) }),
      },
      {
        kind: "create",
        path: "/cib/configuration/resources",
        position: 0,
        body: element("primitive", { id, class: "ocf", provider: "pacemaker", type: "Dummy" }),
      },
    ],
  };
}

function resultOf(cib: XmlElement, patchset: Patchset): XmlElement {
  const applied = applyPatchset(cib, patchset);
  if (!applied.ok) throw new Error(applied.issues[0]?.message);
  return applied.value;
}

describe("CibWritePreparer", () => {
  test("a write carries the digest of its result once per sampling period", () => {
    let now = 0;
    const preparer = new CibWritePreparer(
      cibAclAccess,
      "node1",
      () => now,
      () => 0,
    );
    const cib = emptyCib();
    const first = preparer.prepare(cib, addition(cib, "d1"), clusterDaemonIdentity);
    if (!first.ok || first.value === undefined) throw new Error("refused");
    const one = resultOf(cib, first.value);
    expect(first.value.digest).toBe(cibDigest(one));
    now += digestSampleMs - 1;
    const second = preparer.prepare(one, addition(one, "d2"), clusterDaemonIdentity);
    expect(second.ok && second.value?.digest).toBeUndefined();
    const two = second.ok && second.value ? resultOf(one, second.value) : one;
    now += 1;
    const third = preparer.prepare(two, addition(two, "d3"), clusterDaemonIdentity);
    expect(third.ok && third.value?.digest).toBe(cibDigest(resultOf(two, addition(two, "d3"))));
  });

  test("a client's digest is checked: a wrong one refuses the write", () => {
    const preparer = new CibWritePreparer(
      cibAclAccess,
      "node1",
      () => 0,
      () => 0,
    );
    const cib = emptyCib();
    const wrong = preparer.prepare(cib, addition(cib, "d1", "0".repeat(32)), clusterDaemonIdentity);
    expect(wrong.ok).toBe(false);
    expect(wrong.issues[0]?.code).toBe("invalid_patch");
    expect(wrong.issues[0]?.message).toContain("does not match digest");
    const right = addition(cib, "d1");
    const digest = cibDigest(resultOf(cib, right));
    expect(preparer.prepare(cib, { ...right, digest }, clusterDaemonIdentity).ok).toBe(true);
  });

  test("a configuration change records when, by whom and where (crm_mon's Last change); status changes do not", () => {
    const writtenAt = Date.UTC(2026, 10, 22, 12, 9, 16);
    const preparer = new CibWritePreparer(
      cibAclAccess,
      "node2",
      () => 0,
      () => writtenAt,
    );
    const cib = emptyCib();
    cib.attributes["update-client"] = "cibadmin";
    const prepared = preparer.prepare(cib, addition(cib, "d1"), {
      user: "alice",
      unrestricted: true,
    });
    if (!prepared.ok || prepared.value === undefined) throw new Error("refused");
    const result = resultOf(cib, prepared.value);
    expect(result.attributes["cib-last-written"]).toBe(lastWrittenText(writtenAt));
    expect(result.attributes["update-origin"]).toBe("node2");
    expect(result.attributes["update-user"]).toBe("alice");
    expect(result.attributes["update-client"]).toBeUndefined();
    const statusOnly = preparer.prepare(
      result,
      (copy) => {
        ensureChild(copy, "status").children.push(
          element("node_state", { id: "1", uname: "node1" }),
        );
        return copy;
      },
      clusterDaemonIdentity,
    );
    if (!statusOnly.ok || statusOnly.value === undefined) throw new Error("refused");
    expect(resultOf(result, statusOnly.value).attributes["update-user"]).toBe("alice");
  });

  test("an edit becomes a patch that shares the CIB's untouched parts", () => {
    const preparer = new CibWritePreparer(
      cibAclAccess,
      "node1",
      () => 0,
      () => 0,
    );
    const cib = emptyCib();
    const prepared = preparer.prepare(
      cib,
      (copy) => {
        ensureChild(ensureChild(copy, "configuration"), "resources").children.push(
          element("primitive", { id: "d1", class: "ocf", provider: "pacemaker", type: "Dummy" }),
        );
        return copy;
      },
      clusterDaemonIdentity,
    );
    if (!prepared.ok || prepared.value === undefined) throw new Error("refused");
    expect(prepared.value.target.epoch).toBe(cibVersion(cib).epoch + 1);
    const result = resultOf(cib, prepared.value);
    expect(ensureChild(result, "status")).toBe(ensureChild(cib, "status"));
  });
});
