/**
 * How scripts/server.mjs decides a request's client address: the socket, unless the socket is a proxy the
 * operator trusts; then the right-most X-Forwarded-For hop that is not one of those proxies.
 */
import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import {
  CLIENT_ADDRESS_HEADER,
  TrustedProxiesError,
  applyClientAddress,
  normaliseAddress,
  parseTrustedProxies,
  resolveClientAddress,
} from "@/scripts/lib/client-address.mjs";

const nobody = parseTrustedProxies("");
const proxies = parseTrustedProxies("10.0.0.5, 10.1.0.0/16, fd00::/8");

describe("resolveClientAddress", () => {
  it("uses the socket when the peer is not a trusted proxy, whatever the headers say", () => {
    expect(resolveClientAddress("203.0.113.7", "198.51.100.1", nobody)).toBe("203.0.113.7");
    expect(resolveClientAddress("203.0.113.7", "10.0.0.5", proxies)).toBe("203.0.113.7");
    expect(resolveClientAddress("::ffff:203.0.113.7", undefined, nobody)).toBe("203.0.113.7");
  });

  it("behind trusted proxies takes the right-most hop that is not a proxy, so a client's own entries do not count", () => {
    expect(resolveClientAddress("10.0.0.5", "203.0.113.9", proxies)).toBe("203.0.113.9");
    // The client wrote 198.51.100.1; the proxy appended the address it saw.
    expect(resolveClientAddress("10.0.0.5", "198.51.100.1, 203.0.113.9", proxies)).toBe("203.0.113.9");
    // Two proxies of ours in a row (one in the /16).
    expect(resolveClientAddress("10.0.0.5", "198.51.100.1, 203.0.113.9, 10.1.4.4", proxies)).toBe("203.0.113.9");
    // Several header lines count as one list.
    expect(resolveClientAddress("10.0.0.5", ["198.51.100.1", "203.0.113.9"], proxies)).toBe("203.0.113.9");
    expect(resolveClientAddress("fd00::1", "2001:db8::7", proxies)).toBe("2001:db8::7");
  });

  it("stops at a hop that is not an address and never believes what lies left of it", () => {
    expect(resolveClientAddress("10.0.0.5", "203.0.113.9, garbage", proxies)).toBe("invalid:garbage");
  });

  it("falls back to the socket, or the left-most hop, when every hop is a trusted proxy", () => {
    expect(resolveClientAddress("10.0.0.5", undefined, proxies)).toBe("10.0.0.5");
    expect(resolveClientAddress("10.0.0.5", "10.1.0.9, 10.0.0.5", proxies)).toBe("10.1.0.9");
  });
});

describe("parseTrustedProxies", () => {
  it("refuses a malformed entry by name", () => {
    expect(() => parseTrustedProxies("10.0.0.1, example.org")).toThrow(TrustedProxiesError);
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/prefix length/);
    expect(() => parseTrustedProxies("10.0.0.0/8/1")).toThrow(/not an IP address/);
  });

  it("normalises IPv4-mapped and bracketed IPv6 addresses", () => {
    expect(normaliseAddress("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normaliseAddress("[2001:DB8::1]")).toBe("2001:db8::1");
    expect(parseTrustedProxies("192.0.2.1").isTrusted("::ffff:192.0.2.1")).toBe(true);
  });
});

describe("applyClientAddress", () => {
  function incoming(peer: string, headers: Record<string, string>): IncomingMessage {
    const socket = new Socket();
    Object.defineProperty(socket, "remoteAddress", { value: peer });
    const request = new IncomingMessage(socket);
    for (const [name, value] of Object.entries(headers)) request.rawHeaders.push(name, value);
    request.headers = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
    return request;
  }

  it("drops a client's forwarding headers and its own copy of the address header", () => {
    const request = incoming("203.0.113.7", { "X-Forwarded-For": "198.51.100.1", "X-Real-IP": "198.51.100.2", [CLIENT_ADDRESS_HEADER]: "198.51.100.3", Accept: "*/*" });
    expect(applyClientAddress(request, nobody)).toBe("203.0.113.7");
    expect(request.headers["x-forwarded-for"]).toBeUndefined();
    expect(request.headers["x-real-ip"]).toBeUndefined();
    expect(request.headers[CLIENT_ADDRESS_HEADER]).toBe("203.0.113.7");
    expect(request.rawHeaders).toEqual(["Accept", "*/*", CLIENT_ADDRESS_HEADER, "203.0.113.7"]);
  });

  it("keeps a trusted proxy's forwarding headers, but never its address header", () => {
    const request = incoming("10.0.0.5", { "X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https", [CLIENT_ADDRESS_HEADER]: "198.51.100.3" });
    expect(applyClientAddress(request, proxies)).toBe("203.0.113.9");
    expect(request.headers["x-forwarded-proto"]).toBe("https");
    expect(request.rawHeaders.filter((name) => name.toLowerCase() === CLIENT_ADDRESS_HEADER)).toHaveLength(1);
    expect(request.headers[CLIENT_ADDRESS_HEADER]).toBe("203.0.113.9");
  });
});
