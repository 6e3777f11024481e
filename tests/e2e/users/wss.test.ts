import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import {
  ClientConnection,
  ClientError,
  resolveClusterTarget,
} from "../../../backend/client/index.js";
import { clientChannel } from "../../../daemons/node/client-auth-channel.js";
import {
  ClientHandlers,
  ClientHost,
  fileLog,
  parseNodeOptions,
} from "../../../daemons/node/index.js";
import {
  clientTls,
  clientTlsFiles,
  selfSignedCertificate,
} from "../../../daemons/node/client-auth-certificate.js";

const log = fileLog({ path: undefined, node: "test", toStderr: false, debug: false });
const dir = mkdtempSync(join(tmpdir(), "quorate-wss-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("wss on a non-loopback client address", () => {
  test("selfSignedCertificate() makes an X.509 v3 certificate OpenSSL reads and verifies", () => {
    const { cert } = selfSignedCertificate(
      ["10.1.2.3", "node1.example", "fe80::1"],
      new Date(Date.UTC(2030, 0, 2)),
    );
    const parsed = new X509Certificate(cert);
    expect(parsed.subject).toBe("CN=10.1.2.3");
    expect(parsed.subjectAltName).toBe(
      "IP Address:10.1.2.3, DNS:node1.example, IP Address:FE80:0:0:0:0:0:0:1",
    );
    expect(parsed.validFrom).toBe("Jan  2 00:00:00 2030 GMT");
    expect(parsed.validTo).toBe("Dec 31 00:00:00 2039 GMT");
    expect(parsed.checkIP("10.1.2.3")).toBe("10.1.2.3");
    expect(parsed.verify(parsed.publicKey)).toBe(true);
    expect(parsed.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1"]);
  });

  test("clientTls() makes the key (0600) and certificate once, then reuses them", () => {
    const first = clientTls(dir, ["127.0.0.2"], log);
    expect(statSync(join(dir, clientTlsFiles.key)).mode & 0o777).toBe(0o600);
    expect(clientTls(dir, ["127.0.0.2"], log).fingerprint).toBe(first.fingerprint);
    expect(clientTls(dir, ["10.9.9.9"], log).fingerprint).not.toBe(first.fingerprint);
  });

  test("a client trusting the node's certificate talks wss; one that does not is refused", async () => {
    const tls = clientTls(dir, ["127.0.0.2"], log);
    const host = new ClientHost(
      { port: 0, token: "wss-token", log, address: "127.0.0.2", tls },
      (request, identity) => ({
        kind: "error",
        id: request.id,
        code: "not_ready",
        message: `served ${identity.user}`,
      }),
    );
    const port = await host.start();
    try {
      const url = `wss://127.0.0.2:${port}/`;
      const target = resolveClusterTarget({
        CRM_CLUSTER: url,
        CRM_CLIENT_TOKEN: "wss-token",
        CRM_CA_FILE: join(dir, clientTlsFiles.cert),
      });
      expect(target.ca).toBe(tls.cert.trimEnd());
      const connection = await ClientConnection.open(url, target);
      const reply = await connection
        .request({ kind: "quorum_status_requested" })
        .catch((error: unknown) => error);
      connection.close();
      expect(reply).toBeInstanceOf(ClientError);
      expect((reply as ClientError).message).toBe("served root");
      const untrusting = await ClientConnection.open(url, { token: "wss-token" }).catch(
        (error: unknown) => error,
      );
      expect(untrusting).toBeInstanceOf(ClientError);
      expect((untrusting as ClientError).message).toMatch(/self[- ]signed certificate/);
    } finally {
      await host.stop();
    }
  });

  test("quorated's channel: --client-address other than 127.0.0.1 means wss with its certificate", async () => {
    const stateDir = mkdtempSync(join(dir, "node-"));
    const parsed = parseNodeOptions(
      ["--config", join(dir, "corosync.conf"), "--node", "n1", "--state-dir", stateDir].concat([
        "--client-address",
        "127.0.0.2",
      ]),
    );
    if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
    expect(parsed.value.clientAddress).toBe("127.0.0.2");
    const host = clientChannel(parsed.value, {
      token: "node-token",
      log,
      handlers: new ClientHandlers(),
    });
    const port = await host.start();
    try {
      const ca = readFileSync(join(stateDir, clientTlsFiles.cert), "utf8");
      const connection = await ClientConnection.open(`wss://127.0.0.2:${port}/`, {
        token: "node-token",
        ca,
      });
      const reply = await connection
        .request({ kind: "quorum_status_requested" })
        .catch((error: unknown) => error);
      connection.close();
      expect((reply as ClientError).code).toBe("unknown_kind");
      const plain = await ClientConnection.open(`ws://127.0.0.2:${port}/`, {
        token: "node-token",
      }).catch((error: unknown) => error);
      expect(plain).toBeInstanceOf(ClientError);
    } finally {
      await host.stop();
    }
  });
});
