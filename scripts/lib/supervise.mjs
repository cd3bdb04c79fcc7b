// What the orchestration scripts (`npm start`, `npm run import`, `npm run seed`) share to own their
// children: one stop for every way a run can end, children that die with their parent, and restarts with
// backoff for a child that must stay up. Node built-ins only, so it works before `npm ci`.
import { spawn } from "node:child_process";

/** Exit status after a stop by signal, as shells report it (128 + SIGINT's number). */
export const STOPPED_EXIT_CODE = 130;

/**
 * Calls `stop(reason)` once, on the first of: SIGINT, SIGTERM, SIGHUP, or this process being orphaned.
 * Orphaned: npm forwards SIGINT and SIGTERM to its script (package.json runs it with `exec`, so no shell
 * sits in between to swallow them), but a SIGHUP or a kill -9 of npm itself leaves the script running with
 * a new parent; polling the parent's pid is the portable way to notice.
 */
export function onStop(stop) {
  let called = false;
  const once = (reason) => {
    if (called) return;
    called = true;
    clearInterval(watcher);
    void stop(reason);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => once(signal));
  const parent = process.ppid;
  const watcher = setInterval(() => {
    if (process.ppid !== parent) once("its parent process ended");
  }, 1_000);
  watcher.unref();
}

/**
 * Spawns a Node child that ends with us: its stdin is a pipe we hold, and REDSTRING_STOP_WITH_PARENT=1
 * tells it to stop when that pipe closes (scripts/server.mjs and graph-seed/import-cli.ts do), which
 * happens even when we are killed with SIGKILL and cannot forward anything.
 */
export function spawnOwnedChild(command, args, { env = process.env, cwd } = {}) {
  const child = spawn(command, args, { cwd, env: { ...env, REDSTRING_STOP_WITH_PARENT: "1" }, stdio: ["pipe", "inherit", "inherit"] });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  child.on("error", (error) => console.error(`Could not run ${command}: ${error.message}`));
  return { child, exited, stop: (signal = "SIGTERM") => stopChild(child, exited, signal) };
}

/** Sends `signal`, then SIGKILL if the child is still there after `graceMs`; resolves once it has exited. */
export async function stopChild(child, exited, signal = "SIGTERM", graceMs = 20_000) {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill(signal);
  const killer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  const outcome = await exited;
  clearTimeout(killer);
  return outcome;
}

export const describeExit = ({ code, signal }) => (signal ? `killed by ${signal}` : `exit code ${code}`);

/**
 * Keeps one thing running: `start()` resolves with `{ exited, stop }` once it is up; when it exits
 * without `stop()` having been asked for, it is started again after a backoff (1 s, doubling, at most
 * 30 s; back to 1 s once it has stayed up for a minute). Every exit and restart is logged with its reason.
 */
export function keepRunning(name, start, { log = console.log, onExit = () => {}, onRestart = () => {} } = {}) {
  let current = null;
  let stopped = false;
  let delayMs = 1_000;
  let timer = null;

  async function launch() {
    const startedAt = Date.now();
    const started = await start();
    // A stop asked for while it was starting: nothing must outlive the stop.
    if (stopped) {
      await started.stop();
      return started;
    }
    current = started;
    void current.exited.then(async (outcome) => {
      if (stopped) return;
      current = null;
      if (Date.now() - startedAt > 60_000) delayMs = 1_000;
      log(`[${name}] stopped unexpectedly (${describeExit(outcome)}); starting it again in ${Math.round(delayMs / 1000)} s`);
      onExit(outcome);
      scheduleRestart();
    });
    return current;
  }

  function scheduleRestart() {
    timer = setTimeout(async () => {
      timer = null;
      if (stopped) return;
      try {
        await launch();
        log(`[${name}] running again`);
        onRestart();
      } catch (error) {
        log(`[${name}] could not start (${error.message}); trying again in ${Math.round(Math.min(delayMs * 2, 30_000) / 1000)} s`);
        delayMs = Math.min(delayMs * 2, 30_000);
        scheduleRestart();
        return;
      }
      delayMs = Math.min(delayMs * 2, 30_000);
    }, delayMs);
  }

  return {
    /** Starts the first instance; a failure here is the caller's to report (nothing was running yet). */
    first: launch,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current?.stop();
    },
  };
}
