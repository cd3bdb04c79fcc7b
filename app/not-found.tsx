import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg p-8 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-gray-600">There is nothing at this address.</p>
      <Link href="/" className="mt-4 inline-block text-red-800 underline">
        Back to the explorer
      </Link>
    </main>
  );
}
