// Who is on the other end of a request, decided once, by the server that owns the socket (scripts/server.mjs).
// Node built-ins only: it runs before Next.js loads.
//
// A client may send any header it likes, so an address header is believed only when the socket's peer is a
// proxy the operator named in REDSTRING_TRUSTED_PROXIES. Behind such proxies the client is the right-most
// X-Forwarded-For entry that is not itself a trusted proxy: each proxy appends the address it saw, so
// everything left of the first untrusted hop was written by the client and proves nothing.
import { BlockList, isIP } from "node:net";

/** The one header the app reads (lib/client-address.ts). Whatever a client sends under this name is dropped. */
export const CLIENT_ADDRESS_HEADER = "x-redstring-client-address";

/** Headers through which a client could claim another address, host or scheme; dropped unless a trusted proxy sent them. */
export const FORWARDING_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "x-client-ip",
  "true-client-ip",
  "cf-connecting-ip",
];

export class TrustedProxiesError extends Error {}

/** "::ffff:192.0.2.1" (an IPv4 client on a dual-stack socket) is 192.0.2.1; brackets and zone ids go. */
export function normaliseAddress(value) {
  let address = String(value ?? "").trim();
  if (address.startsWith("[") && address.includes("]")) address = address.slice(1, address.indexOf("]"));
  const zone = address.indexOf("%");
  if (zone !== -1) address = address.slice(0, zone);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1];
  return address.toLowerCase();
}

/**
 * REDSTRING_TRUSTED_PROXIES: comma-separated addresses and CIDR ranges ("10.0.0.5, 10.1.0.0/16, fd00::/8").
 * Empty or unset trusts nobody. A malformed entry stops the server with its name rather than being skipped.
 */
export function parseTrustedProxies(value) {
  const list = new BlockList();
  const entries = String(value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [rawAddress, prefix, extra] = entry.split("/");
    const address = normaliseAddress(rawAddress);
    const family = isIP(address);
    if (!family || extra !== undefined) throw new TrustedProxiesError(`REDSTRING_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range.`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const bits = Number(prefix);
    if (!/^\d+$/.test(prefix) || bits > (family === 6 ? 128 : 32)) {
      throw new TrustedProxiesError(`REDSTRING_TRUSTED_PROXIES: "${entry}" has a prefix length that is not 0-${family === 6 ? 128 : 32}.`);
    }
    list.addSubnet(address, bits, type);
  }
  return { count: entries.length, isTrusted: (candidate) => isTrustedBy(list, candidate) };
}

function isTrustedBy(list, candidate) {
  const address = normaliseAddress(candidate);
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** Every X-Forwarded-For entry, left to right, over however many header lines arrived. */
function forwardedChain(value) {
  const lines = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return lines.flatMap((line) => String(line).split(",")).map((entry) => entry.trim()).filter(Boolean);
}

/**
 * The client's address for a request whose socket peer is `peer` and whose X-Forwarded-For header (string,
 * list or undefined) is `forwardedFor`, under `trusted` (from parseTrustedProxies).
 */
export function resolveClientAddress(peer, forwardedFor, trusted) {
  const socketAddress = normaliseAddress(peer) || "unknown";
  if (!trusted.isTrusted(socketAddress)) return socketAddress;
  const chain = forwardedChain(forwardedFor);
  for (let index = chain.length - 1; index >= 0; index -= 1) {
    const hop = normaliseAddress(chain[index]);
    // Not an address (a proxy wrote "unknown", or the client wrote rubbish): nothing left of it can be believed.
    if (!isIP(hop)) return hop ? `invalid:${hop.slice(0, 64)}` : socketAddress;
    if (!trusted.isTrusted(hop)) return hop;
  }
  // Every hop is one of ours (a health check from inside): the left-most is the origin.
  return chain.length > 0 ? normaliseAddress(chain[0]) : socketAddress;
}

/**
 * Rewrites a Node request's headers in place: forwarding headers survive only from a trusted proxy, and
 * CLIENT_ADDRESS_HEADER is always ours.
 */
export function applyClientAddress(request, trusted) {
  const peer = request.socket?.remoteAddress;
  const fromTrustedProxy = trusted.isTrusted(normaliseAddress(peer));
  const address = resolveClientAddress(peer, request.headers["x-forwarded-for"], trusted);
  if (!fromTrustedProxy) for (const name of FORWARDING_HEADERS) delete request.headers[name];
  request.headers[CLIENT_ADDRESS_HEADER] = address;
  // rawHeaders is what some code (and Next.js in places) reads instead of headers: keep the two in step.
  const drop = new Set([CLIENT_ADDRESS_HEADER, ...(fromTrustedProxy ? [] : FORWARDING_HEADERS)]);
  const raw = [];
  for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
    if (!drop.has(request.rawHeaders[index].toLowerCase())) raw.push(request.rawHeaders[index], request.rawHeaders[index + 1]);
  }
  raw.push(CLIENT_ADDRESS_HEADER, address);
  request.rawHeaders.splice(0, request.rawHeaders.length, ...raw);
  return address;
}
