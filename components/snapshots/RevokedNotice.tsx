/** What a revoked link shows when the proxy did not answer for it (normally a 410 page: proxy.ts). */
export function RevokedNotice() {
  return (
    <main className="mx-auto w-full max-w-lg p-8">
      <h1 className="text-xl font-semibold">This link was revoked</h1>
      <p className="mt-2 text-gray-600">The person who shared this graph has withdrawn it. It is no longer available.</p>
    </main>
  );
}
