// Password hashing with scrypt (node:crypto). A stored hash carries its own parameters and salt:
// "scrypt$N$r$p$salt$hash" (base64), so the cost can be raised later without breaking old hashes.
// Passwords are never stored, logged or put in audit rows; only this module sees them.
import crypto from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** The cost for new hashes: 2^15 × 8 × 128 B = 32 MiB, about 0.1 s on an office PC. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = crypto.randomBytes(SALT_LENGTH);
  const key = await scrypt(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `stored`; a malformed stored value never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0)) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  const key = await scrypt(password, salt, { N, r, p });
  return key.length === expected.length && crypto.timingSafeEqual(key, expected);
}

/** Hashed once per process: an unknown username costs the same time as a wrong password. */
let decoy: Promise<string> | null = null;
export async function spendDecoyVerify(password: string): Promise<void> {
  decoy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  await verifyPassword(password, await decoy);
}
