"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { errorMessage } from "@/lib/api-client";
import { useCan } from "@/lib/auth/client";
import { paramsOfFilter } from "@/components/resolution/queue";
import { useCrossReferenceRun } from "@/components/resolution/hooks/useResolution";
import { NeedsPermission } from "@/components/auth/NeedsPermission";
import { Button } from "@/components/ui/Button";
import { count } from "./format";
import { Alert } from "@/components/ui/Alert";

/** "N possible matches with existing entities", as words: one match, none. */
export function possibleMatchesText(matches: number): string {
  return `${matches === 0 ? "No" : count(matches)} possible match${matches === 1 ? "" : "es"} with existing entities`;
}

/**
 * A data set's link into the review queue, filtered to it, and (for editors) "Cross-reference again":
 * matching its entities against the rest of the graph anew. The page is read on the server, so after a
 * run it is refreshed to show the new count.
 */
export function PossibleMatches({ dataset, matches }: { dataset: string; matches: number }) {
  const can = useCan("graph:edit");
  const run = useCrossReferenceRun();
  const router = useRouter();
  return (
    <section aria-labelledby="matches-title" className="rounded-md border border-gray-200 bg-white p-4">
      <h2 id="matches-title" className="font-semibold">
        Possible duplicates
      </h2>
      <p className="mt-1 text-sm">
        <Link href={`/resolution${paramsOfFilter({ dataset })}`} className="text-red-800 underline">
          {possibleMatchesText(matches)}
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          disabled={!can.allowed || run.isPending}
          aria-describedby={can.allowed ? undefined : "rerun-needs-permission"}
          onClick={() => run.mutate(dataset, { onSuccess: () => router.refresh() })}
        >
          {run.isPending ? "Cross-referencing…" : "Cross-reference again"}
        </Button>
        <NeedsPermission can={can} id="rerun-needs-permission" />
        {/* Always mounted: the outcome of "Cross-reference again" is written into it and announced. */}
        <Alert tone="info" plain>
          {run.isSuccess && `Done: ${possibleMatchesText(run.data.candidates).toLowerCase()} found.`}
          {run.isError && errorMessage(run.error, "Cross-referencing failed.")}
        </Alert>
      </div>
    </section>
  );
}
