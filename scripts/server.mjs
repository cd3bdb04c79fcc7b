// The HTTP server Redstring runs in (`npm start`, `npm run serve`, the end-to-end tests): Next.js through its
// programmatic API, behind a request hook of ours that decides the client's address from the socket.
//
// Why not `next start`: it fills X-Forwarded-For only when the client did not send one, so the app cannot
// tell a client's own header from the socket's address, and rate limits keyed on it could be escaped by
// sending a new one with every request. Here the socket decides (scripts/lib/client-address.mjs), and the app
// reads only the header set below (lib/client-address.ts).
//
//   node scripts/server.mjs [--dev] [--port 3000] [--hostname 127.0.0.1]
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { TrustedProxiesError, applyClientAddress, parseTrustedProxies } from "./lib/client-address.mjs";

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index !== -1 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");
const port = Number(option("port", process.env.PORT ?? 3000));
const hostname = option("hostname", process.env.HOST ?? "127.0.0.1");

let trusted;
try {
  trusted = parseTrustedProxies(process.env.REDSTRING_TRUSTED_PROXIES);
} catch (error) {
  if (!(error instanceof TrustedProxiesError)) throw error;
  console.error(`[redstring] ${error.message}`);
  process.exit(1);
}

// A production server without a session secret would make one up, and every replica (and every restart)
// another: nobody could stay signed in. `npm start` keeps one in .data/; anywhere else it must be given.
if (!dev && !process.env.REDSTRING_SESSION_SECRET?.trim()) {
  console.error(
    "[redstring] REDSTRING_SESSION_SECRET is not set. Set it to a random string of 32 characters or more (the same on every replica; several, comma-separated, while rotating), or start with `npm start`, which keeps one in .data/.",
  );
  process.exit(1);
}

// Tells lib/client-address.ts that this process's requests passed through applyClientAddress; under a bare
// `next start` the header could come from the client, so the app then believes no address at all.
globalThis.__redstringClientAddressHook = true;

const server = createServer();
const app = next({ dev, dir: ROOT, hostname, port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();
server.on("request", (request, response) => {
  applyClientAddress(request, trusted);
  void handle(request, response);
});
server.listen(port, hostname, () => {
  const proxies = trusted.count ? `${trusted.count} trusted prox${trusted.count === 1 ? "y" : "ies"}` : "no trusted proxy";
  console.log(`[redstring] listening on http://${hostname}:${port} (${dev ? "development" : "production"}, ${proxies})`);
});

function stop() {
  // lib/health.ts: /api/ready answers 503 from now on.
  globalThis.__redstringDraining = true;
  server.close(() => process.exit(0));
  // Keep-alive connections would hold close() open; a stop is a stop.
  setTimeout(() => process.exit(0), 2_000).unref();
  server.closeAllConnections?.();
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, stop);
// Started by `npm start` (scripts/lib/supervise.mjs): it holds our stdin, and its end means that it is gone,
// even killed with SIGKILL; a server nobody supervises any more must not keep the port.
if (process.env.REDSTRING_STOP_WITH_PARENT === "1") {
  process.stdin.on("end", stop);
  process.stdin.resume();
}
