import {
  X509Certificate,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign,
} from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { isIP } from "node:net";
import { join } from "node:path";
import {
  derBitString,
  derContext,
  derObjectIdentifier,
  derOctetString,
  derSequence,
  derSet,
  derSmallInteger,
  derTime,
  derUnsignedInteger,
  derUtf8String,
} from "./client-auth-der.js";
import type { Log } from "./log.js";
import { writeFileAtomic } from "./state-files.js";

/** The key and certificate the client channel serves wss with, and the certificate's SHA-256. */
export interface ClientTls {
  readonly key: string;
  readonly cert: string;
  readonly fingerprint: string;
}

export const clientTlsFiles = { key: "client-tls.key", cert: "client-tls.crt" } as const;

const ecdsaWithSha256 = "1.2.840.10045.4.3.2";
const commonNameOid = "2.5.4.3";
const subjectAltNameOid = "2.5.29.17";
const extendedKeyUsageOid = "2.5.29.37";
const serverAuthOid = "1.3.6.1.5.5.7.3.1";
const validityDays = 3650;

function name(commonName: string): Buffer {
  return derSequence(
    derSet(derSequence(derObjectIdentifier(commonNameOid), derUtf8String(commonName))),
  );
}

function ipBytes(address: string): Buffer {
  if (isIP(address) === 4) return Buffer.from(address.split(".").map(Number));
  const [head = "", tail = ""] = address.split("::");
  const groups = (text: string): string[] => (text === "" ? [] : text.split(":"));
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = [
    ...groups(head),
    ...Array<string>(address.includes("::") ? missing : 0).fill("0"),
    ...groups(tail),
  ];
  return Buffer.from(
    all.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]),
  );
}

/** subjectAltName: IP addresses as iPAddress [7], the rest as dNSName [2]. */
function alternativeNames(hosts: readonly string[]): Buffer {
  const names = hosts.map((host) =>
    isIP(host) === 0
      ? derContext(2, Buffer.from(host, "ascii"), false)
      : derContext(7, ipBytes(host), false),
  );
  return derSequence(derObjectIdentifier(subjectAltNameOid), derOctetString(derSequence(...names)));
}

/**
 * A self-signed X.509 v3 certificate (ECDSA P-256, SHA-256) for `hosts`, valid from `now` for
 * ten years, with subjectAltName and the serverAuth extended key usage; PEM key and cert.
 */
export function selfSignedCertificate(
  hosts: readonly string[],
  now: Date,
): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const algorithm = derSequence(derObjectIdentifier(ecdsaWithSha256));
  const subject = name(hosts[0] ?? "quorated");
  const notAfter = new Date(now.getTime() + validityDays * 24 * 3600 * 1000);
  const extensions = derSequence(
    alternativeNames(hosts),
    derSequence(
      derObjectIdentifier(extendedKeyUsageOid),
      derOctetString(derSequence(derObjectIdentifier(serverAuthOid))),
    ),
  );
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const certificateBody = derSequence(
    derContext(0, derSmallInteger(2), true),
    derUnsignedInteger(serial),
    algorithm,
    subject,
    derSequence(derTime(now), derTime(notAfter)),
    subject,
    publicKey.export({ type: "spki", format: "der" }),
    derContext(3, extensions, true),
  );
  const signature = sign("sha256", certificateBody, privateKey);
  const certificate = derSequence(certificateBody, algorithm, derBitString(signature));
  const base64 = certificate.toString("base64").replace(/(.{64})/g, "$1\n");
  const cert = `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`;
  const key = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return { key, cert };
}

/**
 * The client channel's TLS identity in `stateDir`: read when both files are there and valid
 * for `hosts`, else generated (key mode 0600) at this first start.
 */
export function clientTls(stateDir: string, hosts: readonly string[], log: Log): ClientTls {
  const keyFile = join(stateDir, clientTlsFiles.key);
  const certFile = join(stateDir, clientTlsFiles.cert);
  if (existsSync(keyFile) && existsSync(certFile)) {
    try {
      const key = readFileSync(keyFile, "utf8");
      const cert = readFileSync(certFile, "utf8");
      createPrivateKey(key);
      const parsed = new X509Certificate(cert);
      if (
        hosts.every(
          (host) =>
            (isIP(host) === 0 ? parsed.checkHost(host) : parsed.checkIP(host)) !== undefined,
        )
      ) {
        return { key, cert, fingerprint: parsed.fingerprint256 };
      }
      log.write(
        "notice",
        "AUTH",
        `The client certificate does not name ${hosts.join(", ")}: making a new one`,
      );
    } catch (error) {
      log.write(
        "warning",
        "AUTH",
        `Unusable client certificate in ${stateDir}: ${(error as Error).message}`,
      );
    }
  }
  const made = selfSignedCertificate(hosts, new Date());
  writeFileAtomic(keyFile, made.key, 0o600);
  writeFileAtomic(certFile, made.cert, 0o644);
  const fingerprint = new X509Certificate(made.cert).fingerprint256;
  log.write("notice", "AUTH", `Generated a self-signed client certificate, SHA-256 ${fingerprint}`);
  return { ...made, fingerprint };
}
