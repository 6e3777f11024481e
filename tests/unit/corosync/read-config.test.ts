import { existsSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  readCorosyncConfig,
  totemTiming,
  writeCorosyncConfig,
  effectiveWaitForAll,
  configuredExpectedVotes,
} from "../../../backend/corosync/index.js";
import type { CorosyncConfig } from "../../../backend/corosync/index.js";

const lab = `# lab cluster
totem {
    version: 2
    cluster_name: lab
    transport: knet
    crypto_cipher: aes256       # none | aes128 | aes192 | aes256
    crypto_hash: sha256
    interface {
        linknumber: 0
        knet_link_priority: 1
    }
    link_mode: passive
}
nodelist {
    node {
        ring0_addr: 10.0.0.11
        ring1_addr: 10.1.0.11:5406
        name: node1
        nodeid: 1
    }
    node {
        ring0_addr: 10.0.0.12
        ring1_addr: 10.1.0.12:5406
        name: node2
        nodeid: 2
    }
    node {
        ring0_addr: 10.0.0.13
        ring1_addr: 10.1.0.13:5406
        name: node3
        nodeid: 3
    }
}
quorum {
    provider: corosync_votequorum
}
logging {
    to_logfile: yes
    logfile: /var/log/corosync/corosync.log
    to_stderr: no
    timestamp: hires
    debug: off
    logger_subsys {
        subsys: QUORUM
        debug: off
    }
}
`;

function read(text: string): CorosyncConfig {
  const result = readCorosyncConfig(text, "lab.conf");
  if (!result.ok) throw new Error(result.issues.map((entry) => entry.message).join("\n"));
  return result.value;
}

function withToken(token: string, nodes = 3): string {
  const nodeBlocks = Array.from(
    { length: nodes },
    (_, index) =>
      `node {\nring0_addr: 127.0.0.1:${6000 + index}\nname: n${index + 1}\nnodeid: ${index + 1}\n}`,
  ).join("\n");
  return `totem {\ncluster_name: c\n${token}\n}\nnodelist {\n${nodeBlocks}\n}\n`;
}

describe("readCorosyncConfig()", () => {
  test("reads the lab's corosync.conf into typed sections", () => {
    const config = read(lab);
    expect(config.totem.clusterName).toBe("lab");
    expect(config.totem.cryptoCipher).toBe("aes256");
    expect(config.totem.interfaces).toEqual([{ linknumber: 0, knetLinkPriority: 1, port: 5405 }]);
    expect(config.nodes.map((node) => [node.name, node.nodeid])).toEqual([
      ["node1", 1],
      ["node2", 2],
      ["node3", 3],
    ]);
    expect(config.nodes[0]?.ringAddresses).toEqual([
      { host: "10.0.0.11", port: undefined },
      { host: "10.1.0.11", port: 5406 },
    ]);
    expect(config.quorum.provider).toBe("corosync_votequorum");
    expect(config.logging).toMatchObject({ toLogfile: true, toStderr: false, debug: "off" });
  });

  test("computes corosync 3.1's effective timings (runtime.config.totem)", () => {
    expect(totemTiming(read(withToken("")))).toMatchObject({
      tokenMs: 3650,
      consensusMs: 4380,
      tokenRetransmitMs: 869,
      holdMs: 685,
      knetPingIntervalMs: 912,
      knetPingTimeoutMs: 1825,
      joinMs: 50,
      maxMessages: 17,
    });
    expect(totemTiming(read(withToken("token: 1000")))).toMatchObject({
      tokenMs: 1650,
      consensusMs: 1980,
      knetPingIntervalMs: 412,
      knetPingTimeoutMs: 825,
    });
    expect(totemTiming(read(withToken("", 2)))).toMatchObject({ tokenMs: 3000, consensusMs: 3600 });
    expect(totemTiming(read(withToken("token: 1000\ntoken_coefficient: 0", 5))).tokenMs).toBe(1000);
    expect(totemTiming(read(withToken("", 5))).tokenMs).toBe(3000 + 3 * 650);
  });

  test("derives votequorum defaults: expected votes from the nodelist, wait_for_all from two_node", () => {
    const twoNode = read(
      `${withToken("", 2)}quorum {\nprovider: corosync_votequorum\ntwo_node: 1\n}\n`,
    );
    expect(effectiveWaitForAll(twoNode)).toBe(true);
    expect(configuredExpectedVotes(twoNode)).toBe(2);
    const explicit = read(
      `${withToken("", 2)}quorum {\ntwo_node: 1\nwait_for_all: 0\nexpected_votes: 5\n}\n`,
    );
    expect(effectiveWaitForAll(explicit)).toBe(false);
    expect(configuredExpectedVotes(explicit)).toBe(5);
  });

  test("rejects an unknown key naming file:line, with a typo hint", () => {
    const result = readCorosyncConfig(withToken("tokn: 1000"), "a.conf");
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: "unknown_key",
        severity: "error",
        message: 'a.conf:3: Unknown key "totem.tokn" (did you mean "token"?)',
      }),
    ]);
  });

  test("rejects an unknown section, but only warns about corosync sections quorated ignores", () => {
    const unknown = readCorosyncConfig(`${withToken("")}\nbogus {\n}\n`, "u.conf");
    expect(unknown.ok).toBe(false);
    expect(unknown.issues.map((entry) => entry.message)).toContainEqual(
      expect.stringContaining('Unknown section "bogus"'),
    );
  });

  test("rejects bad values with file:line", () => {
    const result = readCorosyncConfig(withToken("token: fast\nlink_mode: random"), "b.conf");
    expect(result.ok).toBe(false);
    expect(result.issues.map((entry) => entry.message)).toEqual([
      'b.conf:3: Bad value "fast" for totem.token: expected an integer from 1 to 2147483647',
      'b.conf:4: Bad value "random" for totem.link_mode: expected "passive", "active", "rr"',
    ]);
  });

  test("rejects broken syntax, duplicate nodeids and nodes with different link counts", () => {
    const unclosed = readCorosyncConfig("totem {\ncluster_name: x\n", "c.conf");
    expect(unclosed.issues.map((entry) => entry.code)).toContain("unclosed_section");
    const garbage = readCorosyncConfig("totem {\njust words\n}\n", "d.conf");
    expect(garbage.issues[0]?.message).toBe(
      'd.conf:2: Expected "key: value", "name {" or "}", got "just words"',
    );
    const nodes = `totem {\n}\nnodelist {\nnode {\nring0_addr: a\nring1_addr: b\nname: x\nnodeid: 1\n}\nnode {\nring0_addr: c\nname: y\nnodeid: 1\n}\n}\n`;
    const messages = readCorosyncConfig(nodes, "e.conf").issues.map((entry) => entry.message);
    expect(messages).toEqual([
      "e.conf:3: Nodeid 1 is used twice",
      "e.conf:3: Not all nodes have the same number of links",
    ]);
    const noAddress = readCorosyncConfig(
      "totem {\n}\nnodelist {\nnode {\nname: x\n}\n}\n",
      "f.conf",
    );
    expect(noAddress.issues.map((entry) => entry.message)).toContain(
      'f.conf:4: Node has no "ring0_addr"',
    );
    const knet = "totem {\n}\nnodelist {\nnode {\nring0_addr: a\n}\n}\n";
    expect(readCorosyncConfig(knet, "g.conf").issues.map((entry) => entry.message)).toEqual([
      'g.conf:4: Node has no "nodeid", which the knet transport requires',
      "g.conf:3: The nodelist has no node",
    ]);
    const udpu = "totem {\ntransport: udpu\n}\nnodelist {\nnode {\nring0_addr: a\n}\n}\n";
    expect(readCorosyncConfig(udpu, "h.conf").ok).toBe(true);
    const multicast = readCorosyncConfig("totem {\ntransport: udp\n}\n", "i.conf");
    expect(multicast.ok).toBe(true);
    const knetWithout = readCorosyncConfig("totem {\n}\n", "j.conf");
    expect(knetWithout.issues.map((entry) => entry.message)).toEqual([
      'j.conf:1: Section "nodelist" is missing (the knet transport needs one)',
    ]);
  });

  test("reads the corosync.conf files installed on this host as corosync 3.1 would", () => {
    const files = [
      "/etc/corosync/corosync.conf",
      "/usr/share/crmsh/tests/unittests/corosync.conf.2",
      "/usr/share/crmsh/tests/unittests/corosync.conf.3",
    ].filter((file) => existsSync(file));
    if (files.length === 0) console.warn("Skipping installed corosync.conf files: none present");
    for (const file of files) {
      const result = readCorosyncConfig(readFileSync(file, "utf8"), file);
      expect(result.issues.filter((entry) => entry.severity !== "warning")).toEqual([]);
      expect(result.ok).toBe(true);
    }
  });

  test("writeCorosyncConfig() produces a file that reads back to the same cluster", () => {
    const text = writeCorosyncConfig({
      clusterName: "local",
      tokenMs: 1000,
      nodes: [1, 2, 3].map((nodeid) => ({
        name: `node${nodeid}`,
        nodeid,
        addresses: [
          { host: "127.0.0.1", port: 7000 + nodeid },
          { host: "127.0.0.2", port: 7000 + nodeid },
        ],
      })),
    });
    const result = readCorosyncConfig(text, "gen.conf");
    expect(result.issues).toEqual([]);
    const config = read(text);
    expect(config.totem.tokenMs).toBe(1000);
    expect(config.totem.interfaces.map((entry) => entry.knetLinkPriority)).toEqual([2, 1]);
    expect(config.nodes[2]?.ringAddresses[1]).toEqual({ host: "127.0.0.2", port: 7003 });
  });
});
