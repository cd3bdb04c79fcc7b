import "server-only";
/**
 * The client's address, as scripts/server.mjs decided it from the socket (and, behind the proxies named in
 * REDSTRING_TRUSTED_PROXIES, from their X-Forwarded-For). Nothing else a request carries is believed: a
 * client can write any header, and a rate limit keyed on one it chooses is no limit.
 */

/** Set by scripts/lib/client-address.mjs on every request; a client's own value is dropped there. */
export const CLIENT_ADDRESS_HEADER = "x-redstring-client-address";

/** Every request without an address the server vouches for shares this one key (stricter, never looser). */
export const UNKNOWN_ADDRESS = "unknown";

const hook = globalThis as typeof globalThis & { __redstringClientAddressHook?: boolean; __redstringWarnedNoHook?: boolean };

/**
 * In production the header is believed only when scripts/server.mjs runs this process: under a bare
 * `next start` it would be whatever the client sent. Tests call the route handlers directly and play the
 * server's part by setting the header.
 */
function headerIsOurs(): boolean {
  if (process.env.NODE_ENV !== "production" || hook.__redstringClientAddressHook) return true;
  if (!hook.__redstringWarnedNoHook) {
    hook.__redstringWarnedNoHook = true;
    console.warn("[redstring] not started through scripts/server.mjs (npm start / npm run serve): client addresses are unknown, so every signed-out visitor shares one rate limit.");
  }
  return false;
}

export function clientAddress(request: Request): string {
  if (!headerIsOurs()) return UNKNOWN_ADDRESS;
  const address = request.headers.get(CLIENT_ADDRESS_HEADER)?.trim();
  return address ? address.slice(0, 100) : UNKNOWN_ADDRESS;
}
