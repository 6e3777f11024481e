import type { TransportStatus } from "../protocol/index.js";

/**
 * The lines `corosync-cfgtool -s` prints: each link with this node's address and every node's
 * state on it. The link transport is printed as `ws` (quorated's links are websockets, not knet).
 */
export function formatLinkStatus(status: TransportStatus): string[] {
  const lines = [`Local node ID ${status.localNodeid}, transport knet`];
  status.localAddresses.forEach((address, link) => {
    const peers = status.links
      .filter((entry) => entry.link === link)
      .map((entry) => ({
        nodeid: entry.peerNodeid,
        state: entry.connected ? "connected" : "disconnected",
      }));
    const rows = [...peers, { nodeid: status.localNodeid, state: "localhost" }].sort(
      (left, right) => left.nodeid - right.nodeid,
    );
    lines.push(`LINK ID ${link} ws`, `\taddr\t= ${address}`, "\tstatus:");
    for (const row of rows)
      lines.push(`\t\tnodeid: ${String(row.nodeid).padStart(10)}:\t${row.state}`);
  });
  return lines;
}
