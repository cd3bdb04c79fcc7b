// @ts-check

/** Headers every page and API answer carries. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/**
 * What a page may load: only this site's own scripts, styles, images and API. Inline scripts and styles
 * stay allowed because Next.js inlines its bootstrap and CodeMirror/Cytoscape set styles at run time; no
 * other origin can be reached, so injected markup could not fetch or send anything elsewhere. `next dev`
 * needs eval for hot reload, so the development server allows it.
 */
const development = process.env.NODE_ENV === "development";
function contentSecurityPolicy(frameAncestors) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
}

/** No page may be framed by another site, except /embed/{id}, which exists to be put in articles. */
const noFraming = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: contentSecurityPolicy("'none'") },
];
const anyoneMayFrame = [{ key: "Content-Security-Policy", value: contentSecurityPolicy("*") }];

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
      { source: "/embed/:id", headers: anyoneMayFrame },
    ];
  },
};

export default nextConfig;
