/**
 * Integration tests call route handlers with Requests addressed to this base. A write carries what a
 * browser on the same instance sends: Host, and an Origin naming the same scheme, host and port
 * (lib/http.ts assertSameOrigin refuses writes without one). Host matters because NextRequest alone
 * calls 127.0.0.1 "localhost". Reads need neither, as in a browser.
 */
export const TEST_BASE = "http://127.0.0.1";

/** The headers of a same-site browser write. */
export const SAME_ORIGIN: Readonly<Record<string, string>> = { host: "127.0.0.1", origin: TEST_BASE };
