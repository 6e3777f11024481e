import { describe, expect, test } from "vitest";
import { parametersDigest } from "../../../daemons/scheduler/index.js";

/** Digests recorded by Pacemaker 2.1.5 (op-digest in the scheduler corpus). */
describe("parametersDigest (op-digest)", () => {
  test("no parameters gives Pacemaker's empty-parameter digest", () => {
    expect(parametersDigest([])).toBe("f2317cad3d54cec5d7d7aa7d0bf35cf8");
  });

  test("parameters are sorted by name before hashing", () => {
    const forward = parametersDigest([["state", "/run/x"], ["fake", "1"]]);
    const backward = parametersDigest([["fake", "1"], ["state", "/run/x"]]);
    expect(forward).toBe(backward);
    expect(forward).not.toBe(parametersDigest([["fake", "2"], ["state", "/run/x"]]));
  });

  test("matches an op-digest recorded by Pacemaker for a Filesystem resource", () => {
    // novell-239087: fs_1 (device, directory, fstype) started by Pacemaker.
    const digest = parametersDigest([
      ["fstype", "reiserfs"],
      ["directory", "/mnt/share1"],
      ["device", "/dev/drbd0"],
    ]);
    expect(digest).toBe("e38fc095cd72534897b21e24a8484122");
  });
});
