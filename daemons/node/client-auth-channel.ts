import { usersFileBesideConfig } from "../../backend/users/index.js";
import { clientTls } from "./client-auth-certificate.js";
import type { ClientHandlers } from "./client-handlers.js";
import { ClientHost } from "./client-host.js";
import type { Log } from "./log.js";
import type { NodeOptions } from "./options.js";
import { UsersStore } from "./users-store.js";

const loopbackAddresses = ["127.0.0.1", "::1", "localhost"];

/**
 * The node's client channel as its options ask: on 127.0.0.1 plain ws; on any other address
 * wss with the node's self-signed certificate (made at first start); logins by the local
 * token or by the users file (--users, else `users` beside the config file).
 */
export function clientChannel(
  options: NodeOptions,
  parts: { readonly token: string; readonly log: Log; readonly handlers: ClientHandlers },
): ClientHost {
  const { token, log, handlers } = parts;
  const usersPath = options.usersPath ?? usersFileBesideConfig(options.configPath);
  const address = options.clientAddress;
  const tls = loopbackAddresses.includes(address)
    ? undefined
    : clientTls(options.stateDir, [address], log);
  return new ClientHost(
    {
      port: options.clientPort,
      token,
      log,
      users: new UsersStore(usersPath, log),
      address,
      ...(tls === undefined ? {} : { tls: { key: tls.key, cert: tls.cert } }),
    },
    (request, identity, session) => handlers.answer(request, identity, session),
  );
}
