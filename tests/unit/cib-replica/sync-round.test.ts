import { describe, expect, it } from "vitest";
import { chooseSyncSource, type Announcement } from "../../../daemons/cib/index.js";

function version(epoch: number, numUpdates = 0, adminEpoch = 0): Announcement["version"] {
  return { adminEpoch, epoch, numUpdates };
}

describe("chooseSyncSource()", () => {
  it.each<[string, [number, Announcement][], number | undefined]>([
    [
      "the newest epoch",
      [
        [1, { version: version(3), digest: "a", pending: [] }],
        [2, { version: version(4), digest: "b", pending: [] }],
      ],
      2,
    ],
    [
      "admin_epoch before epoch",
      [
        [1, { version: version(9), digest: "a", pending: [] }],
        [2, { version: version(1, 0, 1), digest: "b", pending: [] }],
      ],
      2,
    ],
    [
      "num_updates last",
      [
        [1, { version: version(3, 2), digest: "a", pending: [] }],
        [2, { version: version(3, 1), digest: "b", pending: [] }],
      ],
      1,
    ],
    [
      "on a tie, the copy more members hold",
      [
        [1, { version: version(3), digest: "a", pending: [] }],
        [2, { version: version(3), digest: "b", pending: [] }],
        [3, { version: version(3), digest: "b", pending: [] }],
      ],
      2,
    ],
    [
      "on a full tie, the lowest node id",
      [
        [2, { version: version(3), digest: "a", pending: [] }],
        [1, { version: version(3), digest: "b", pending: [] }],
      ],
      1,
    ],
    [
      "never a member without a valid CIB",
      [
        [1, { version: null, digest: null, pending: [] }],
        [2, { version: version(1), digest: "a", pending: [] }],
      ],
      2,
    ],
    [
      "nobody when no member has one",
      [[1, { version: null, digest: null, pending: [] }]],
      undefined,
    ],
  ])("chooses %s", (_name, entries, expected) => {
    expect(chooseSyncSource(new Map(entries))).toBe(expected);
  });
});
