import { timingSafeEqual } from "node:crypto";
import { clientTokenHeader } from "../../backend/protocol/index.js";
import { verifyPassword } from "../../backend/users/index.js";
import type { ClientIdentity } from "./client-handlers.js";
import { localTokenIdentity } from "./client-handlers.js";
import type { Log } from "./log.js";
import type { UsersStore } from "./users-store.js";

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** Longest Authorization header read; longer ones are refused unread. */
const authorizationBytesMax = 4096;
/**
 * Password checks running at once (each is scrypt: ~16 MiB and tens of ms); a login beyond
 * this is turned away as busy, so a flood of logins cannot queue without bound.
 */
export const passwordChecksMax = 16;

function tokenMatches(presented: string, token: string): boolean {
  const left = Buffer.from(presented);
  const right = Buffer.from(token);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `Basic base64(user:password)` (RFC 7617), or undefined when the header is not that. */
export function basicCredentials(
  header: string,
): { readonly user: string; readonly password: string } | undefined {
  if (header.length > authorizationBytesMax) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1] ?? "", "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Who a client is, from its ws upgrade request: the node's local client token (root, not
 * restricted by ACLs), or a cluster user's name and password (HTTP Basic) checked against the
 * users file. A refusal is counted and logged; an unknown user and a wrong password take the
 * same time (both run scrypt) and get the same answer.
 */
export class ClientAuthenticator {
  #refusals = 0;
  #checking = 0;

  constructor(
    readonly options: {
      readonly token: string;
      readonly users: UsersStore | undefined;
      readonly log: Log;
    },
  ) {}

  /** Logins refused since the node started. */
  get refusals(): number {
    return this.#refusals;
  }

  /** The identity, undefined when refused, or "busy" when too many logins are being checked. */
  async authenticate(headers: Headers, peer: string): Promise<ClientIdentity | undefined | "busy"> {
    const token = headers[clientTokenHeader];
    if (typeof token === "string") {
      if (tokenMatches(token, this.options.token)) return localTokenIdentity;
      return this.#refuse(`Refused a client from ${peer}: wrong client token`);
    }
    const authorization = headers["authorization"];
    const credentials =
      typeof authorization === "string" ? basicCredentials(authorization) : undefined;
    if (credentials === undefined) {
      return this.#refuse(`Refused a client from ${peer}: no client token or credentials`);
    }
    if (this.#checking >= passwordChecksMax) {
      this.options.log.write(
        "warning",
        "AUTH",
        `Turned away a login from ${peer}: too many at once`,
      );
      return "busy";
    }
    const user = this.options.users?.find(credentials.user);
    this.#checking++;
    let matches: boolean;
    try {
      matches = await verifyPassword(credentials.password, user?.passwordHash);
    } finally {
      this.#checking--;
    }
    if (!matches || user === undefined) {
      return this.#refuse(`Refused login of user "${credentials.user}" from ${peer}`);
    }
    return { user: user.name, unrestricted: false, groups: user.groups };
  }

  #refuse(message: string): undefined {
    this.#refusals++;
    this.options.log.write("warning", "AUTH", `${message} (${this.#refusals} refused)`);
    return undefined;
  }
}
