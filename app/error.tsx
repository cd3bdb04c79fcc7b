"use client";

import Link from "next/link";
import { Button } from "@/components/ui/Button";

/**
 * Shown instead of a blank page or a stack trace when rendering fails unexpectedly. The details stay in
 * the browser console and the server log; the reader gets a way to try again.
 */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-lg p-8 text-center">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-gray-600">Redstring could not show this page. Your data is safe; try again.</p>
      <div className="mt-4 flex justify-center gap-4">
        <Button onClick={reset} variant="primary">
          Try again
        </Button>
        <Link href="/" className="px-3 py-1.5 text-sm text-red-800 underline">
          Back to the explorer
        </Link>
      </div>
    </main>
  );
}
