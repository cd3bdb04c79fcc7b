import "server-only";
import { headers } from "next/headers";

/**
 * The address people reach this instance at, for absolute links in link previews (Open Graph needs
 * them). REDSTRING_PUBLIC_URL wins; otherwise the request's own host, as a proxy forwards it.
 */
export async function publicBaseUrl(): Promise<string> {
  const configured = process.env.REDSTRING_PUBLIC_URL?.replace(/\/+$/, "");
  if (configured) return configured;
  const incoming = await headers();
  const host = incoming.get("x-forwarded-host") ?? incoming.get("host") ?? "localhost:3000";
  const protocol = incoming.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${protocol}://${host}`;
}
