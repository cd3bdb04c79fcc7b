import type { Metadata } from "next";
import { Suspense } from "react";
import { QueryEditor } from "@/components/queries/QueryEditor";

export const metadata: Metadata = { title: "New query · Redstring" };

export default function NewQueryPage() {
  return (
    <Suspense fallback={<p className="p-4 text-sm text-gray-500">Loading the editor…</p>}>
      <QueryEditor queryId={null} />
    </Suspense>
  );
}
