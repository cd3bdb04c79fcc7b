import Link from "next/link";
import { Alert } from "@/components/ui/Alert";

/** The page while a saved query is being opened, or why it could not be. */
export function QueryOpening({ failure }: { failure: string | null }) {
  return (
    <div className="flex-1 bg-gray-50">
      <main className="mx-auto max-w-6xl p-4">
        {failure ? (
          <Alert as="div" tone="error" plain className="space-y-2">
            <h1 className="text-xl font-semibold text-gray-900">This query could not be opened</h1>
            <p className="text-sm text-red-800">{failure}</p>
            <Link href="/queries" className="text-sm text-red-900 underline">
              Back to the library
            </Link>
          </Alert>
        ) : (
          <p className="text-sm text-gray-600">Loading the query…</p>
        )}
      </main>
    </div>
  );
}
