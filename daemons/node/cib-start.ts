import type { NodeId } from "../kernel/index.js";
import { cibAclAccess } from "./cib-access.js";
import { CibFiles } from "./cib-files.js";
import { CibStore, cibStoreDefaults } from "./cib-store.js";
import { addCibHandlers } from "./cib-handlers.js";
import { CibHost } from "./cib-host.js";
import type { ClientHandlers } from "./client-handlers.js";
import type { ClusterBus } from "./cluster-bus.js";
import type { Log } from "./log.js";
import type { QuorumHost } from "./quorum-host.js";

/**
 * Starts the node's CIB manager: its disk copy in the state folder, the cib group on the bus,
 * quorum decisions in, and the CIB requests on the client channel.
 */
export function startCibHost(
  parts: {
    readonly localNodeId: NodeId;
    readonly localName: string;
    readonly bus: ClusterBus;
    readonly quorum: QuorumHost;
    readonly handlers: ClientHandlers;
    readonly log: Log;
  },
  options: { readonly stateDir: string },
): CibHost {
  const access = cibAclAccess;
  const cib = new CibHost({
    localNodeId: parts.localNodeId,
    localName: parts.localName,
    bus: parts.bus,
    store: new CibStore(new CibFiles(options.stateDir), cibStoreDefaults, (error) =>
      parts.log.write(
        "warning",
        "CIB",
        `Could not write cib.xml (the journal keeps the commits): ${String(error)}`,
      ),
    ),
    log: parts.log,
    access,
  });
  parts.quorum.onChange((change) => cib.quorumChanged(change.quorate));
  addCibHandlers(parts.handlers, cib, access);
  cib.start();
  return cib;
}
