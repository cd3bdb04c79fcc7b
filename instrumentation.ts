/**
 * Runs once when the server starts (Next.js calls register() before the first request). Upload folders
 * left behind by imports that never ran, or by a server stopped mid-import, are swept here as well as
 * whenever a new upload begins (lib/import/uploads.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  try {
    const { sweepAbandonedUploads } = await import("./lib/import/uploads");
    const removed = await sweepAbandonedUploads();
    if (removed > 0) console.info(`[redstring] removed ${removed} abandoned upload folder${removed === 1 ? "" : "s"}`);
  } catch (cause) {
    // Misconfiguration is reported by the first request that needs it; start-up goes on.
    console.error("[redstring] the upload sweep at start-up failed", cause);
  }
}
