import { readFileSync } from "node:fs";
import { fail, issue, ok } from "../../backend/base/index.js";
import type { Issue, Result } from "../../backend/base/index.js";
import { defaultPort, readCorosyncConfig } from "../../backend/corosync/index.js";
import type { CorosyncConfig, LinkAddress, NodeConfig } from "../../backend/corosync/index.js";
import type { NodeOptions } from "./options.js";

/** knet's key length limits (corosync-keygen -s). */
const authkeyBytesMin = 128;
const authkeyBytesMax = 4096;

/** A nodelist entry with the name and nodeid quorated needs. */
export interface ClusterNode extends NodeConfig {
  readonly name: string;
  readonly nodeid: number;
}

export interface NodeSetup {
  readonly options: NodeOptions;
  readonly config: CorosyncConfig;
  readonly authkey: Uint8Array;
  /** Every node of the nodelist. */
  readonly nodes: readonly ClusterNode[];
  readonly local: ClusterNode;
  readonly warnings: readonly Issue[];
}

/** A node's address on each link, with the link's port filled in. */
export function linkAddresses(config: CorosyncConfig, node: NodeConfig): Required<LinkAddress>[] {
  return node.ringAddresses.map((address, link) => {
    const port = config.totem.interfaces.find((entry) => entry.linknumber === link)?.port;
    return { host: address?.host ?? "", port: address?.port ?? port ?? defaultPort };
  });
}

function readText(path: string, what: string): Result<string> {
  try {
    return ok(readFileSync(path, "utf8"));
  } catch (error) {
    return fail([
      issue("unreadable", `Cannot read ${what} "${path}": ${(error as Error).message}`),
    ]);
  }
}

function readAuthkey(path: string): Result<Uint8Array> {
  try {
    const key = new Uint8Array(readFileSync(path));
    if (key.length < authkeyBytesMin || key.length > authkeyBytesMax) {
      const range = `${authkeyBytesMin}..${authkeyBytesMax}`;
      return fail([
        issue("bad_authkey", `Authkey "${path}" has ${key.length} bytes, expected ${range}`),
      ]);
    }
    return ok(key);
  } catch (error) {
    return fail([
      issue("unreadable", `Cannot read authkey "${path}": ${(error as Error).message}`),
    ]);
  }
}

/** quorated finds itself by name and numbers rings by nodeid, so every node needs both. */
function clusterNodes(config: CorosyncConfig): Result<ClusterNode[]> {
  const complete: ClusterNode[] = [];
  const issues: Issue[] = [];
  for (const node of config.nodes) {
    const { name, nodeid } = node;
    if (name !== undefined && nodeid !== undefined) complete.push({ ...node, name, nodeid });
    else {
      const message = `${config.file}:${node.line}: quorated needs a "name" and a "nodeid" for every node`;
      issues.push(issue("incomplete_node", message));
    }
  }
  if (complete.length === 0 && issues.length === 0) {
    issues.push(issue("incomplete_node", `${config.file}: quorated needs a nodelist`));
  }
  return issues.length > 0 ? fail(issues) : ok(complete);
}

/** Settings quorated reads but does not follow, said once in the log rather than ignored silently. */
function transportNotes(config: CorosyncConfig): Issue[] {
  const notes: Issue[] = [];
  const totem = config.totem;
  if (totem.transport !== "knet") {
    notes.push(
      issue(
        "ignored_setting",
        `totem.transport "${totem.transport}" is ignored: quorated links nodes over websockets`,
        { severity: "warning" },
      ),
    );
  }
  if (totem.cryptoCipher !== "aes256" || totem.cryptoHash !== "sha256") {
    const asked = `${totem.cryptoCipher}/${totem.cryptoHash}`;
    notes.push(
      issue(
        "ignored_setting",
        `crypto_cipher/crypto_hash ${asked}: quorated always authenticates and encrypts with AES-256-GCM`,
        { severity: "warning" },
      ),
    );
  }
  return notes;
}

/** Reads and checks everything a node needs before it opens any socket. */
export function loadNodeSetup(options: NodeOptions): Result<NodeSetup> {
  const text = readText(options.configPath, "corosync.conf");
  if (!text.ok) return text;
  const config = readCorosyncConfig(text.value, options.configPath);
  if (!config.ok) return config;
  const keyfile = options.authkeyPath ?? config.value.totem.keyfile ?? "/etc/corosync/authkey";
  const authkey = readAuthkey(keyfile);
  if (!authkey.ok) return authkey;
  const nodes = clusterNodes(config.value);
  if (!nodes.ok) return nodes;
  const local = nodes.value.find((node) => node.name === options.nodeName);
  if (local === undefined) {
    const names = nodes.value.map((node) => `"${node.name}"`).join(", ");
    return fail([
      issue("unknown_node", `Node "${options.nodeName}" is not in the nodelist (${names})`),
    ]);
  }
  return ok({
    options,
    config: config.value,
    authkey: authkey.value,
    nodes: nodes.value,
    local,
    warnings: [...config.issues, ...transportNotes(config.value)],
  });
}
