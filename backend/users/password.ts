import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Password hashes as the cluster users file stores them: `scrypt$N$r$p$SALT$HASH` (salt and
 * hash in base64), with a random 16-byte salt per password and a 32-byte key.
 */
export interface ScryptCost {
  readonly cost: number;
  readonly blockSize: number;
  readonly parallelization: number;
}

/** 2^14, 8, 1: the parameters scrypt's authors advise for interactive logins. */
export const scryptInteractive: ScryptCost = { cost: 16384, blockSize: 8, parallelization: 1 };

const saltBytes = 16;
const keyBytes = 32;
/** Bounds on the parameters read from a file, so a crafted hash cannot exhaust memory. */
const costMax = 1 << 20;
const blockSizeMax = 32;
const parallelizationMax = 16;

interface ParsedHash extends ScryptCost {
  readonly salt: Buffer;
  readonly key: Buffer;
}

const hashPattern = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/** Reads a stored hash; undefined when it is not one this module writes or accepts. */
export function parsePasswordHash(text: string): ParsedHash | undefined {
  const match = hashPattern.exec(text);
  if (match === null) return undefined;
  const [cost, blockSize, parallelization] = [match[1], match[2], match[3]].map(Number);
  if (cost === undefined || blockSize === undefined || parallelization === undefined)
    return undefined;
  const powerOfTwo = cost >= 2 && (cost & (cost - 1)) === 0;
  if (!powerOfTwo || cost > costMax) return undefined;
  if (blockSize < 1 || blockSize > blockSizeMax) return undefined;
  if (parallelization < 1 || parallelization > parallelizationMax) return undefined;
  const salt = Buffer.from(match[4] ?? "", "base64");
  const key = Buffer.from(match[5] ?? "", "base64");
  if (salt.length < 8 || key.length < 16) return undefined;
  return { cost, blockSize, parallelization, salt, key };
}

function derive(password: string, salt: Buffer, cost: ScryptCost, length: number): Promise<Buffer> {
  const options = {
    N: cost.cost,
    r: cost.blockSize,
    p: cost.parallelization,
    maxmem: 256 * cost.cost * cost.blockSize + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, length, options, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string, cost = scryptInteractive): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, cost, keyBytes);
  const parts = [
    cost.cost,
    cost.blockSize,
    cost.parallelization,
    salt.toString("base64"),
    key.toString("base64"),
  ];
  return `scrypt$${parts.join("$")}`;
}

/** A fixed hash checked when the user is unknown, so both refusals cost the same time. */
const decoyHash = parsePasswordHash(
  `scrypt$${scryptInteractive.cost}$${scryptInteractive.blockSize}$${scryptInteractive.parallelization}` +
    `$${Buffer.alloc(saltBytes, 7).toString("base64")}$${Buffer.alloc(keyBytes, 9).toString("base64")}`,
);

/**
 * Whether `password` matches the stored hash, compared in constant time. With no hash (an
 * unknown user) it does the same work against a decoy and answers false.
 */
export async function verifyPassword(
  password: string,
  stored: string | undefined,
): Promise<boolean> {
  const parsed = stored === undefined ? undefined : parsePasswordHash(stored);
  const target = parsed ?? decoyHash;
  if (target === undefined) return false;
  const key = await derive(password, target.salt, target, target.key.length);
  const same = key.length === target.key.length && timingSafeEqual(key, target.key);
  return parsed !== undefined && same;
}
