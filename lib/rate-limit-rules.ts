/** The rate limits (pure: the tests that drive them read the same numbers). lib/rate-limit.ts counts them. */
export interface Limit {
  /** Separates the counters: "signin-address", "write", ... */
  name: string;
  max: number;
  windowMs: number;
  /** What was done too often, for the message: "Too many {what}." */
  what: string;
}

/**
 * Failed sign-ins from one address, whatever the email: stops one machine from trying many accounts. Wide
 * enough for a newsroom behind one NAT address, where colleagues' typos add up.
 */
export const SIGN_IN_ADDRESS_LIMIT: Limit = { name: "signin-address", max: 30, windowMs: 15 * 60_000, what: "sign-in attempts from your network" };
/**
 * Failed sign-ins to one account, from any address: stops guessing spread over many machines. Its cost: a
 * stranger can hold an account's password sign-in shut for a quarter hour (single sign-on still works).
 */
export const SIGN_IN_ACCOUNT_LIMIT: Limit = { name: "signin-account", max: 10, windowMs: 15 * 60_000, what: "sign-in attempts for this account" };
/** Writes per minute per user (or address when signed out): far above what a person clicks. */
export const WRITE_LIMIT: Limit = { name: "write", max: 300, windowMs: 60_000, what: "changes in a short time" };
/** Saved-query runs per minute per address by signed-out readers: each run costs the database real work. */
export const SIGNED_OUT_RUN_LIMIT: Limit = { name: "run-signed-out", max: 60, windowMs: 60_000, what: "query runs from your network" };
