import type { Metadata } from "next";
import { Suspense } from "react";
import { QueryEditor } from "@/components/queries/QueryEditor";
import { savedQueryIdSchema } from "@/lib/queries/model";
import { notFound } from "next/navigation";

export const metadata: Metadata = { title: "Saved query · Redstring" };

/** A saved query; with `?version=N&name=value...` it is a run link and runs on opening. */
export default async function SavedQueryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!savedQueryIdSchema.safeParse(id).success) notFound();
  return (
    <Suspense fallback={<p className="p-4 text-sm text-gray-500">Loading the query…</p>}>
      <QueryEditor queryId={id} />
    </Suspense>
  );
}
