import "server-only";
/**
 * In-memory rate limits: a fixed window per key. Enough for one Redstring process (the way it is run);
 * several processes behind a balancer would each count on their own, which only makes the limit looser.
 */
import { AppError } from "./errors";

export class TooManyRequestsError extends AppError {
  constructor(message: string) {
    super(429, message);
  }
}

interface Window {
  started: number;
  count: number;
}

const holder = globalThis as typeof globalThis & { __redstringRateLimits?: Map<string, Window> };
const windows = (holder.__redstringRateLimits ??= new Map());

export interface Limit {
  /** Separates the limits: "signin", "write". */
  name: string;
  max: number;
  windowMs: number;
}

/** Ten tries per quarter hour per address and email: plenty for typos, useless for guessing. */
export const SIGN_IN_LIMIT: Limit = { name: "signin", max: 10, windowMs: 15 * 60_000 };
/** Writes per minute per user (or address when signed out): far above what a person clicks. */
export const WRITE_LIMIT: Limit = { name: "write", max: 300, windowMs: 60_000 };

/** Counts one attempt; throws 429 with the wait once the window is full. */
export function takeToken(limit: Limit, key: string, now = Date.now()): void {
  const id = `${limit.name}:${key}`;
  let window = windows.get(id);
  if (!window || now - window.started >= limit.windowMs) {
    window = { started: now, count: 0 };
    windows.set(id, window);
    if (windows.size > 10_000) forgetExpired(now);
  }
  window.count += 1;
  if (window.count > limit.max) {
    const minutes = Math.max(1, Math.ceil((window.started + limit.windowMs - now) / 60_000));
    throw new TooManyRequestsError(
      limit.name === "signin"
        ? `Too many sign-in attempts. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`
        : `Too many changes in a short time. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
    );
  }
}

/** After a successful sign-in the count starts again, so a person who mistyped is not held back later. */
export function resetTokens(limit: Limit, key: string): void {
  windows.delete(`${limit.name}:${key}`);
}

function forgetExpired(now: number): void {
  for (const [id, window] of windows) if (now - window.started >= 60 * 60_000) windows.delete(id);
}

/** The client's address as the proxy in front reports it; "local" when nothing says. */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip") || "local";
}
