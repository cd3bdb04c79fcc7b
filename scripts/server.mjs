// The HTTP server Redstring runs in (`npm start`, `npm run serve`, the end-to-end tests): Next.js through its
// programmatic API, behind a request hook of ours that decides the client's address from the socket.
//
// Why not `next start`: it fills X-Forwarded-For only when the client did not send one, so the app cannot
// tell a client's own header from the socket's address, and rate limits keyed on it could be escaped by
// sending a new one with every request. Here the socket decides (scripts/lib/client-address.mjs), and the app
// reads only the header set below (lib/client-address.ts).
//
//   node scripts/server.mjs [--dev] [--port 3000] [--hostname 127.0.0.1]
//
// REDSTRING_WORKERS=N (or "auto": one per core) runs N server processes on the one port (node:cluster):
// a server's own work (turning rows into JSON, rendering pages) runs on one core per process, and the app
// keeps nothing per process that another must see, so the processes are replicas on one machine. A
// worker that dies is started again; a stop stops them all.
import cluster from "node:cluster";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { TrustedProxiesError, applyClientAddress, parseTrustedProxies } from "./lib/client-address.mjs";
import { WorkerCountError, workerCount } from "./lib/workers.mjs";

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

let workers;
try {
  workers = workerCount(process.env.REDSTRING_WORKERS);
} catch (error) {
  if (!(error instanceof WorkerCountError)) throw error;
  console.error(`[redstring] ${error.message}`);
  process.exit(1);
}
if (workers > 1 && !dev && cluster.isPrimary) {
  superviseWorkers(workers);
} else {
  await serve();
}

/**
 * The primary of a cluster: starts the workers, starts one again when it dies (a crash must not leave the
 * machine with fewer servers), and on a stop passes the signal on and ends once they have. It serves
 * nothing itself.
 */
function superviseWorkers(count) {
  let stopping = false;
  let exitCode = 0;
  const listened = new Set();
  for (let index = 0; index < count; index += 1) cluster.fork();
  cluster.on("listening", (worker) => {
    listened.add(worker.id);
    if (listened.size === count) console.log(`[redstring] ${count} server processes share http://${hostname}:${port}`);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    const how = signal ?? `exit code ${code}`;
    // One that never listened (a broken build, a port in use) would fail again at once: stop instead of
    // starting processes in a loop, as `npm start` does with a server that was never ready.
    if (!listened.has(worker.id)) {
      console.error(`[redstring] server process ${worker.process.pid} ended before it listened (${how}); stopping`);
      exitCode = 1;
      stopAll();
      return;
    }
    console.error(`[redstring] server process ${worker.process.pid} ended (${how}); starting another`);
    cluster.fork();
  });
  function stopAll() {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
    // Each worker stops within its own 2 s; past that, a stop is a stop.
    setTimeout(() => process.exit(exitCode), 4_000).unref();
  }
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, stopAll);
  if (process.env.REDSTRING_STOP_WITH_PARENT === "1") {
    process.stdin.on("end", stopAll);
    process.stdin.resume();
  }
}

async function serve() {
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
  // A port in use (or not ours to take) ends the process with the reason: Next.js keeps a process alive
  // through an uncaught error, and a server that never listens must not linger.
  const cannotListen = (error) => {
    console.error(`[redstring] cannot listen on ${hostname}:${port}: ${error.message}`);
    process.exit(1);
  };
  server.once("error", cannotListen);
  server.once("listening", () => server.off("error", cannotListen));
  server.listen(port, hostname, () => {
    const proxies = trusted.count ? `${trusted.count} trusted prox${trusted.count === 1 ? "y" : "ies"}` : "no trusted proxy";
    const who = cluster.isWorker ? `, server process ${cluster.worker.id}` : "";
    console.log(`[redstring] listening on http://${hostname}:${port} (${dev ? "development" : "production"}, ${proxies}${who})`);
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
  if (process.env.REDSTRING_STOP_WITH_PARENT === "1" && !cluster.isWorker) {
    process.stdin.on("end", stop);
    process.stdin.resume();
  }
}
