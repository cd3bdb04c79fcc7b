import { Suspense } from "react";
import { Explorer } from "@/components/explorer/Explorer";

/** The explorer. Its state lives in the URL, read on the client, hence the Suspense boundary. */
export default function HomePage() {
  return (
    <Suspense fallback={<p className="p-4 text-sm text-gray-500">Loading Redstring…</p>}>
      <Explorer />
    </Suspense>
  );
}
