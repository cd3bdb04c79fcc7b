// @ts-check

/** Headers every page and API answer carries. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** No page may be framed by another site, except /embed/{id}, which exists to be put in articles. */
const noFraming = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
];
const anyoneMayFrame = [{ key: "Content-Security-Policy", value: "frame-ancestors *" }];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The driver opens sockets and keeps a pool; resvg (PNG previews) is a native .node addon that the
  // bundler cannot place. Both belong in Node, unbundled.
  serverExternalPackages: ["neo4j-driver", "@resvg/resvg-js"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/((?!embed/).*)", headers: noFraming },
      { source: "/embed/:id", headers: anyoneMayFrame },
    ];
  },
};

export default nextConfig;
