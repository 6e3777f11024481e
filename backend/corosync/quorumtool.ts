import type { QuorumStatus } from "../protocol/index.js";

const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function two(value: number): string {
  return String(value).padStart(2, "0");
}

/** C's ctime() layout, without the newline: `Sun Nov 22 02:40:00 2026`. */
export function ctime(date: Date): string {
  const day = String(date.getDate()).padStart(2, " ");
  const clock = `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
  return `${weekdays[date.getDay()] ?? ""} ${months[date.getMonth()] ?? ""} ${day} ${clock} ${date.getFullYear()}`;
}

/** corosync-quorumtool's column: right-aligned in 10 characters, then a space. */
function column(value: string | number): string {
  return `${String(value).padStart(10, " ")} `;
}

/** Ring id as corosync prints it: hex representative "." hex sequence. */
export function formatRingId(ring: QuorumStatus["ringId"]): string {
  return `${ring.representative.toString(16)}.${ring.sequence.toString(16)}`;
}

/** The lines `corosync-quorumtool -s` prints for this status (members sorted by nodeid). */
export function formatQuorumStatus(
  status: QuorumStatus,
  options: { readonly date: Date },
): string[] {
  const members = [...status.members].sort((a, b) => a.nodeid - b.nodeid);
  const quorumSuffix = status.quorate ? " " : "Activity blocked";
  return [
    "Quorum information",
    "------------------",
    `Date:             ${ctime(options.date)}`,
    `Quorum provider:  ${status.provider}`,
    `Nodes:            ${members.length}`,
    `Node ID:          ${status.localNodeid}`,
    `Ring ID:          ${formatRingId(status.ringId)}`,
    `Quorate:          ${status.quorate ? "Yes" : "No"}`,
    "",
    "Votequorum information",
    "----------------------",
    `Expected votes:   ${status.expectedVotes}`,
    `Highest expected: ${status.highestExpected}`,
    `Total votes:      ${status.totalVotes}`,
    `Quorum:           ${status.quorum} ${quorumSuffix}`,
    `Flags:            ${status.flags.map((flag) => `${flag} `).join("")}`,
    "",
    "Membership information",
    "----------------------",
    `${column("Nodeid")}${column("Votes")}Name`,
    ...members.map((member) => {
      const local = member.nodeid === status.localNodeid ? " (local)" : "";
      return `${column(member.nodeid)}${column(member.votes)}${member.name}${local}`;
    }),
  ];
}
