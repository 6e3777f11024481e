import { boolean, configIssue, integer, oneOf, readFields, text } from "./fields.js";
import type { ConfigIssue, Field } from "./fields.js";
import type { ConfSection } from "./syntax.js";
import { defaultPort } from "./config.js";
import type {
  InterfaceConfig,
  LinkAddress,
  LoggingConfig,
  NodeConfig,
  QuorumConfig,
  TieBreakerNode,
  TotemConfig,
  Transport,
} from "./config.js";

export interface ReadContext {
  readonly file: string;
  readonly issues: ConfigIssue[];
}

const millis = integer(1, 2 ** 31 - 1);

const totemFields = {
  version: integer(2, 2),
  cluster_name: text,
  transport: oneOf("knet", "udpu", "udp"),
  token: millis,
  token_coefficient: integer(0, 2 ** 31 - 1),
  consensus: millis,
  join: millis,
  merge: millis,
  max_messages: integer(1, 1000),
  token_retransmits_before_loss_const: integer(1, 100),
  knet_pong_count: integer(1, 100),
  crypto_cipher: oneOf("none", "aes128", "aes192", "aes256"),
  crypto_hash: oneOf("none", "md5", "sha1", "sha256", "sha384", "sha512"),
  secauth: boolean,
  link_mode: oneOf("passive", "active", "rr"),
  keyfile: text,
};

const totemIgnored = new Set([
  "crypto_model",
  "key",
  "netmtu",
  "ip_version",
  "config_version",
  "block_unlisted_ips",
  "token_warning",
  "token_retransmit",
  "hold",
  "send_join",
  "downcheck",
  "fail_recv_const",
  "seqno_unchanged_const",
  "window_size",
  "miss_count_const",
  "max_network_delay",
  "heartbeat_failures_allowed",
  "knet_pmtud_interval",
  "knet_mtu",
  "knet_compression_model",
  "knet_compression_threshold",
  "knet_compression_level",
  "clear_node_high_bit",
  "threads",
  "rrp_mode",
  "cancel_token_hold_on_retransmit",
  "nodeid",
]);

const interfaceFields = {
  linknumber: integer(0, 7),
  knet_link_priority: integer(0, 255),
  mcastport: integer(1, 65535),
};

const interfaceIgnored = new Set([
  "knet_ping_interval",
  "knet_ping_timeout",
  "knet_pong_count",
  "knet_transport",
  "bindnetaddr",
  "mcastaddr",
  "ttl",
  "broadcast",
  "ringnumber",
  "knet_ping_precision",
]);

function readInterface(section: ConfSection, context: ReadContext, index: number): InterfaceConfig {
  const values = readFields(section, interfaceFields, {
    ...context,
    path: "totem.interface",
    ignored: interfaceIgnored,
  });
  return {
    linknumber: values.linknumber ?? index,
    knetLinkPriority: values.knet_link_priority ?? 1,
    port: values.mcastport ?? defaultPort,
  };
}

export function readTotem(section: ConfSection, context: ReadContext): TotemConfig {
  const values = readFields(section, totemFields, {
    ...context,
    path: "totem",
    ignored: totemIgnored,
  });
  const interfaces = section.sections
    .filter((child) => child.name === "interface")
    .map((child, index) => readInterface(child, context, index));
  warnOtherSections(section, ["interface"], "totem", context);
  const secauth = values.secauth === true;
  return {
    version: values.version ?? 2,
    clusterName: values.cluster_name ?? "",
    transport: values.transport ?? "knet",
    tokenMs: values.token,
    tokenCoefficientMs: values.token_coefficient ?? 650,
    consensusMs: values.consensus,
    joinMs: values.join ?? 50,
    mergeMs: values.merge ?? 200,
    maxMessages: values.max_messages ?? 17,
    tokenRetransmitsBeforeLossConst: values.token_retransmits_before_loss_const ?? 4,
    knetPongCount: values.knet_pong_count ?? 2,
    cryptoCipher: values.crypto_cipher ?? (secauth ? "aes256" : "none"),
    cryptoHash: values.crypto_hash ?? (secauth ? "sha256" : "none"),
    linkMode: values.link_mode ?? "passive",
    keyfile: values.keyfile,
    interfaces,
  };
}

/** `host`, `host:port`, `[v6]:port` or a bare IPv6 address. */
export function parseLinkAddress(value: string): LinkAddress | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  const plain = /^([^:\s]+)(?::(\d+))?$/.exec(value);
  const match = bracketed ?? plain;
  if (match === null)
    return /^[0-9a-fA-F:]+$/.test(value) ? { host: value, port: undefined } : undefined;
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return { host: match[1] ?? "", port };
}

const linkAddress: Field<LinkAddress> = {
  expected: "an address, optionally with :port",
  read: parseLinkAddress,
};

const nodeFields = {
  name: text,
  nodeid: integer(1, 2 ** 32 - 1),
  quorum_votes: integer(0, 2 ** 31 - 1),
  ring0_addr: linkAddress,
  ring1_addr: linkAddress,
  ring2_addr: linkAddress,
  ring3_addr: linkAddress,
  ring4_addr: linkAddress,
  ring5_addr: linkAddress,
  ring6_addr: linkAddress,
  ring7_addr: linkAddress,
};

function readNode(
  section: ConfSection,
  context: ReadContext,
  transport: Transport,
): NodeConfig | undefined {
  const values = readFields(section, nodeFields, { ...context, path: "nodelist.node" });
  const where = { file: context.file, line: section.line };
  const ringAddresses = [0, 1, 2, 3, 4, 5, 6, 7].map(
    (link) => values[`ring${link}_addr` as "ring0_addr"],
  );
  while (ringAddresses.length > 0 && ringAddresses[ringAddresses.length - 1] === undefined) {
    ringAddresses.pop();
  }
  const missing = (message: string): undefined => {
    context.issues.push(configIssue("missing_key", message, where));
    return undefined;
  };
  if (ringAddresses[0] === undefined) return missing(`Node has no "ring0_addr"`);
  if (values.nodeid === undefined && transport === "knet") {
    return missing(`Node has no "nodeid", which the knet transport requires`);
  }
  if (values.name === undefined && ringAddresses.length > 1) {
    return missing(`Node has several links but no "name"`);
  }
  return {
    name: values.name,
    nodeid: values.nodeid,
    line: section.line,
    quorumVotes: values.quorum_votes ?? 1,
    ringAddresses,
  };
}

export function readNodelist(
  section: ConfSection,
  context: ReadContext,
  transport: Transport,
): NodeConfig[] {
  warnOtherSections(section, ["node"], "nodelist", context);
  for (const entry of section.entries) {
    const where = { file: context.file, line: entry.line };
    context.issues.push(
      configIssue("unknown_key", `Unknown key "nodelist.${entry.key}"`, where),
    );
  }
  return section.sections
    .filter((child) => child.name === "node")
    .flatMap((child) => readNode(child, context, transport) ?? []);
}

const tieBreaker: Field<TieBreakerNode> = {
  expected: `"lowest", "highest" or a list of nodeids`,
  read: (value) => {
    if (value === "lowest" || value === "highest") return value;
    const ids = value.split(/\s+/);
    return ids.every((id) => /^\d+$/.test(id)) ? ids.map(Number) : undefined;
  },
};

const quorumFields = {
  provider: oneOf("corosync_votequorum"),
  expected_votes: integer(0, 2 ** 31 - 1),
  two_node: boolean,
  wait_for_all: boolean,
  last_man_standing: boolean,
  last_man_standing_window: millis,
  auto_tie_breaker: boolean,
  auto_tie_breaker_node: tieBreaker,
};

export function readQuorum(section: ConfSection, context: ReadContext): QuorumConfig {
  const values = readFields(section, quorumFields, {
    ...context,
    path: "quorum",
    ignored: new Set(["allow_downscale", "expected_votes_tracking", "votes"]),
  });
  warnOtherSections(section, [], "quorum", context);
  return {
    provider: values.provider,
    expectedVotes: values.expected_votes === 0 ? undefined : values.expected_votes,
    twoNode: values.two_node ?? false,
    waitForAll: values.wait_for_all,
    lastManStanding: values.last_man_standing ?? false,
    lastManStandingWindowMs: values.last_man_standing_window ?? 10000,
    autoTieBreaker: values.auto_tie_breaker ?? false,
    autoTieBreakerNode: values.auto_tie_breaker_node ?? "lowest",
  };
}

const loggingFields = {
  to_logfile: boolean,
  logfile: text,
  to_stderr: boolean,
  to_syslog: boolean,
  debug: oneOf("off", "on", "trace"),
  timestamp: oneOf("hires", "on", "off"),
};

export function readLogging(section: ConfSection | undefined, context: ReadContext): LoggingConfig {
  const values =
    section === undefined
      ? {}
      : readFields(section, loggingFields, {
          ...context,
          path: "logging",
          ignored: new Set([
            "fileline",
            "function_name",
            "syslog_facility",
            "syslog_priority",
            "logfile_priority",
          ]),
        });
  return {
    toLogfile: values.to_logfile ?? false,
    logfile: values.logfile,
    toStderr: values.to_stderr ?? true,
    toSyslog: values.to_syslog ?? true,
    debug: values.debug ?? "off",
    timestamp: values.timestamp ?? "hires",
  };
}

/** Sub-sections quorate does not read are named, not silently dropped. */
export function warnOtherSections(
  section: ConfSection,
  known: readonly string[],
  path: string,
  context: ReadContext,
): void {
  const tolerated = new Set(["logger_subsys", "device"]);
  for (const child of section.sections) {
    if (known.includes(child.name)) continue;
    const where = { file: context.file, line: child.line };
    const message = tolerated.has(child.name)
      ? `Section "${path}.${child.name}" is not supported by quorated and is ignored`
      : `Unknown section "${path}.${child.name}"`;
    const severity = tolerated.has(child.name) ? "warning" : "error";
    context.issues.push(configIssue("unknown_section", message, where, severity));
  }
}
