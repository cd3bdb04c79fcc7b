import type { Metadata } from "next";
import { Suspense } from "react";
import { ResolutionQueue } from "@/components/resolution/ResolutionQueue";
import Link from "next/link";
import { can } from "@/lib/auth/roles";
import { actorFromCookies } from "@/lib/auth/session";
import { withPage } from "@/lib/page-context";

export const metadata: Metadata = { title: "Possible duplicates · Redstring" };
export const dynamic = "force-dynamic";

/** The review queue of possible duplicates (graph:read to look; judging needs graph:edit, checked by the API). */
export default function ResolutionPage() {
  return withPage("/resolution", async () => {
    const actor = await actorFromCookies();
    if (!can(actor, "graph:read")) {
      return (
        <main className="p-6 text-sm">
          <h1 className="text-xl font-semibold">Possible duplicates</h1>
          <p className="mt-2">
            <Link href="/signin?next=%2Fresolution" className="text-red-800 underline">
              Sign in
            </Link>{" "}
            to review possible duplicates: they are part of the graph.
          </p>
        </main>
      );
    }
    return (
      <Suspense fallback={<p className="p-4 text-sm text-gray-600">Loading the queue…</p>}>
        <ResolutionQueue />
      </Suspense>
    );
  });
}
