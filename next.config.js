// @ts-check

/** Headers every page and API answer carries. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/**
 * No page may be framed by another site, except /embed/{id}, which exists to be put in articles. The
 * Content-Security-Policy (with frame-ancestors) is not here: it carries a fresh script nonce per request,
 * so proxy.ts sets it (lib/csp.ts).
 */
const noFraming = [{ key: "X-Frame-Options", value: "DENY" }];

/** API answers are data, never a document to run: nothing may load or run from them, nor frame them. */
const apiPolicy = [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The driver opens sockets and keeps a pool; resvg (PNG previews) is a native .node addon that the
  // bundler cannot place. Both belong in Node, unbundled.
  serverExternalPackages: ["neo4j-driver", "@resvg/resvg-js", "@node-rs/argon2"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/((?!embed/).*)", headers: noFraming },
      { source: "/api/:path*", headers: apiPolicy },
    ];
  },
};

export default nextConfig;
