import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { DataProvider } from "@/components/DataProvider";
import "./globals.css";

export const metadata: Metadata = {
  title: "Redstring",
  description: "Explore the connections behind the news: companies, legislators, agencies, reports and events.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * Every page renders per request: the Content-Security-Policy allows only scripts with this request's
 * nonce (proxy.ts, lib/csp.ts), and Next.js can put a nonce on its scripts only while rendering for a
 * request. A page prerendered at build time would carry none, and the browser would refuse its scripts.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="antialiased">
        <DataProvider>{children}</DataProvider>
      </body>
    </html>
  );
}
