/** corosync.conf as a typed value (corosync 3.1 keys that quorate reads). */

export type CryptoCipher = "none" | "aes128" | "aes192" | "aes256";
export type CryptoHash = "none" | "md5" | "sha1" | "sha256" | "sha384" | "sha512";
export type LinkMode = "passive" | "active" | "rr";
export type Transport = "knet" | "udpu" | "udp";

export interface InterfaceConfig {
  readonly linknumber: number;
  readonly knetLinkPriority: number;
  /** Port used when a node's ringX_addr carries none (corosync's mcastport, 5405). */
  readonly port: number;
}

export interface TotemConfig {
  readonly version: number;
  readonly clusterName: string;
  readonly transport: Transport;
  /** As written; undefined means corosync's default (3000 ms). */
  readonly tokenMs: number | undefined;
  readonly tokenCoefficientMs: number;
  readonly consensusMs: number | undefined;
  readonly joinMs: number;
  readonly mergeMs: number;
  readonly maxMessages: number;
  readonly tokenRetransmitsBeforeLossConst: number;
  readonly knetPongCount: number;
  readonly cryptoCipher: CryptoCipher;
  readonly cryptoHash: CryptoHash;
  readonly linkMode: LinkMode;
  readonly keyfile: string | undefined;
  readonly interfaces: readonly InterfaceConfig[];
}

/** `host` or `host:port` of one link of one node. */
export interface LinkAddress {
  readonly host: string;
  readonly port: number | undefined;
}

export interface NodeConfig {
  /** Optional in corosync with one link (a node then finds itself by address). */
  readonly name: string | undefined;
  /** Optional with udpu/udp (corosync derives it from the address); required with knet. */
  readonly nodeid: number | undefined;
  /** Line of the `node {` block. */
  readonly line: number;
  readonly quorumVotes: number;
  /** Index = link number; a hole is a link the node has no address on. */
  readonly ringAddresses: readonly (LinkAddress | undefined)[];
}

export type TieBreakerNode = "lowest" | "highest" | readonly number[];

export interface QuorumConfig {
  readonly provider: "corosync_votequorum" | undefined;
  readonly expectedVotes: number | undefined;
  readonly twoNode: boolean;
  /** As written; undefined means "on when two_node is on, else off". */
  readonly waitForAll: boolean | undefined;
  readonly lastManStanding: boolean;
  readonly lastManStandingWindowMs: number;
  readonly autoTieBreaker: boolean;
  readonly autoTieBreakerNode: TieBreakerNode;
}

export type DebugLevel = "off" | "on" | "trace";
export type TimestampMode = "hires" | "on" | "off";

export interface LoggingConfig {
  readonly toLogfile: boolean;
  readonly logfile: string | undefined;
  readonly toStderr: boolean;
  readonly toSyslog: boolean;
  readonly debug: DebugLevel;
  readonly timestamp: TimestampMode;
}

export interface CorosyncConfig {
  readonly file: string;
  readonly totem: TotemConfig;
  readonly nodes: readonly NodeConfig[];
  readonly quorum: QuorumConfig;
  readonly logging: LoggingConfig;
}

export const defaultPort = 5405;
