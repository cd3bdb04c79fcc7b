// Types for scripts/lib/client-address.mjs, which stays plain JavaScript so scripts/server.mjs runs it before Next.js loads.
import type { IncomingMessage } from "node:http";

export const CLIENT_ADDRESS_HEADER: string;
export const FORWARDING_HEADERS: readonly string[];
export class TrustedProxiesError extends Error {}
export interface TrustedProxies {
  count: number;
  isTrusted(address: string): boolean;
}
export function normaliseAddress(value: unknown): string;
export function parseTrustedProxies(value: string | undefined): TrustedProxies;
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string;
export function applyClientAddress(request: IncomingMessage, trusted: TrustedProxies): string;
