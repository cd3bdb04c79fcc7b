import Link from "next/link";

/** What a signed-out visitor sees on a private instance: data sets are read like the graph. */
export function SignInToRead({ next }: { next: string }) {
  return (
    <main className="p-6 text-sm">
      <h1 className="text-xl font-semibold">Data sets</h1>
      <p className="mt-2">
        <Link href={`/signin?next=${encodeURIComponent(next)}`} className="text-red-800 underline">
          Sign in
        </Link>{" "}
        to read the data sets: they are part of the graph.
      </p>
    </main>
  );
}
