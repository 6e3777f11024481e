import { describe, expect, test } from "vitest";
import { initInfoFields, lsbMetadata } from "../../../backend/ra/index.js";

const script = `#!/bin/sh
### BEGIN INIT INFO
# Provides:          webd
# Required-Start:    $remote_fs $syslog
# Default-Stop:
# Short-Description: Web daemon
# Description:       Serves pages over HTTP,
#                    and nothing else.
### END INIT INFO
# Description: not part of the header
`;

describe("lsbMetadata()", () => {
  test("reads the INIT INFO header with continuation lines", () => {
    const fields = initInfoFields(script);
    expect(fields.get("Provides")).toBe("webd");
    expect(fields.get("Default-Stop")).toBe("");
    expect(fields.get("Description")).toBe(
      "Serves pages over HTTP,\n                    and nothing else.",
    );
  });

  test("describes the script with Pacemaker's fixed LSB actions and no parameters", () => {
    const metadata = lsbMetadata("webd", script);
    expect(metadata.shortdesc).toBe("Web daemon");
    expect(metadata.parameters).toEqual([]);
    expect(metadata.actions.map((action) => `${action.name}:${action.timeout ?? ""}`)).toEqual([
      "meta-data:5",
      "start:15",
      "stop:15",
      "status:15",
      "restart:15",
      "force-reload:15",
      "monitor:15",
    ]);
    expect(metadata.actions.at(-1)?.interval).toBe("15");
  });

  test("describes a script without a header by its name, as Pacemaker", () => {
    expect(lsbMetadata("plain", "#!/bin/sh\nexit 0\n")).toMatchObject({
      shortdesc: "plain",
      longdesc: "plain",
    });
  });

  test("the line ending a Description's continuation is not read as a field (Pacemaker 2.1)", () => {
    const fields = initInfoFields(
      "### BEGIN INIT INFO\n# Description: logs.\n#\tTo a file.\n# Short-Description: L\n# Provides: logd\n### END INIT INFO\n",
    );
    expect(fields.get("Description")).toBe("logs.\n\tTo a file.");
    expect(fields.has("Short-Description")).toBe(false);
    expect(fields.get("Provides")).toBe("logd");
  });
});
