import "server-only";
/**
 * Password hashing with argon2id (@node-rs/argon2: a maintained binding of the reference implementation,
 * with its recommended defaults: 19 MiB, 2 passes). Passwords are never stored or logged, only the hash.
 */
import { hash, verify } from "@node-rs/argon2";

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-rules";

/** Algorithm.Argon2id; the const enum cannot be imported under isolatedModules, so its value is spelled out. */
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false; // a malformed stored hash matches nothing
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of one verification for an email with no account, so the answer's timing does not tell
 * which addresses have accounts.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword("redstring-no-such-user-placeholder");
  await verifyPassword(await dummy, password);
  return false;
}
