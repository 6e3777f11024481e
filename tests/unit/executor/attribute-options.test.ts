import { describe, expect, test } from "vitest";
import { parseAttributeOptions } from "../../../daemons/agents/tools/attribute-options.js";

const context = { localNode: "node1", resourceInstance: "st:2" };

describe("parseAttributeOptions() (crm_attribute's options)", () => {
  test("Stateful's call: -N node -n master-rsc -v N -l reboot", () => {
    const parsed = parseAttributeOptions(
      ["-N", "node2", "-n", "master-st", "-v", "5", "-l", "reboot"],
      context,
    );
    expect(parsed.ok && parsed.value).toEqual({
      operation: "update",
      node: "node2",
      name: "master-st",
      value: "5",
      section: "status",
      quiet: false,
    });
  });

  test("--promotion names master-<primitive> on the local node, transient", () => {
    const parsed = parseAttributeOptions(["--promotion", "-v", "10"], context);
    expect(parsed.ok && parsed.value).toMatchObject({
      name: "master-st",
      node: "node1",
      section: "status",
    });
    const named = parseAttributeOptions(["--promotion=db", "-D"], context);
    expect(named.ok && named.value).toMatchObject({ name: "master-db", operation: "delete" });
  });

  test("the section follows Pacemaker: -N without -l is permanent, else status", () => {
    const permanent = parseAttributeOptions(["-N", "node2", "-n", "site", "-v", "a"], context);
    expect(permanent.ok && permanent.value.section).toBe("nodes");
    const local = parseAttributeOptions(["-n", "site", "-G"], context);
    expect(local.ok && local.value.section).toBe("status");
    const typed = parseAttributeOptions(["--type", "nodes", "-n", "x", "-G", "-q"], context);
    expect(typed.ok && typed.value).toMatchObject({
      section: "nodes",
      quiet: true,
      operation: "query",
    });
    const joined = parseAttributeOptions(
      ["-Gq", "--name=x", "--lifetime=forever", "-dnone"],
      context,
    );
    expect(joined.ok && joined.value).toMatchObject({
      section: "nodes",
      quiet: true,
      defaultValue: "none",
    });
  });

  test("unknown options, missing names and unsupported sections are issues", () => {
    const unknown = parseAttributeOptions(["--nmae", "x"], context);
    expect(!unknown.ok && unknown.issues[0]).toMatchObject({
      code: "unknown_option",
      suggestion: "--name",
    });
    const noName = parseAttributeOptions(["-v", "1"], context);
    expect(!noName.ok && noName.issues[0]?.code).toBe("missing_name");
    const noNode = parseAttributeOptions(["-n", "x", "-v", "1"], {});
    expect(!noNode.ok && noNode.issues[0]?.code).toBe("missing_node");
    const config = parseAttributeOptions(["-t", "crm_config", "-n", "x"], context);
    expect(!config.ok && config.issues[0]?.code).toBe("unsupported");
    const missingValue = parseAttributeOptions(["-n"], context);
    expect(!missingValue.ok && missingValue.issues[0]?.code).toBe("missing_value");
  });
});
