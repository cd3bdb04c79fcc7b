/**
 * The Content-Security-Policy of every answer, built per request by proxy.ts with a fresh nonce.
 *
 * Scripts: only those carrying this request's nonce, and what they load ('strict-dynamic'); no inline
 * script without it, no 'unsafe-inline'. Next.js reads the nonce from the policy in the request headers
 * the proxy forwards and puts it on its own script tags (pages render per request for this: app/layout.tsx).
 * `next dev` also needs eval (React's debugging), never the production server.
 *
 * Styles may stay inline: Cytoscape and CodeMirror set styles at run time. Everything else comes from this
 * site only, so injected markup could neither run script nor fetch or send anything elsewhere.
 */
export interface PolicyOptions {
  nonce: string;
  /** Who may put the page in a frame: "'none'" everywhere, "*" for /embed/{id} (it exists to be embedded). */
  frameAncestors: "'none'" | "*";
  development: boolean;
}

export function contentSecurityPolicy({ nonce, frameAncestors, development }: PolicyOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
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

/** 128 random bits, base64: unguessable, and new for every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
