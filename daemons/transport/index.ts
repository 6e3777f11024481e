export type { CryptoSuite, DropReason, RefusalReason } from "./core-session.js";
export { SecureSession } from "./core-session.js";
export type { TransportOptions, TransportPeer } from "./host.js";
export { TransportHost, transportLanDefaults } from "./host.js";
