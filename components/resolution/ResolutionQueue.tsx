"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { errorMessage } from "@/lib/api-client";
import { useCan } from "@/lib/auth/client";
import type { Candidate, CandidateFilter, Judgement } from "@/lib/resolution/client";
import { UserText } from "@/components/ui/UserText";
import { Button } from "@/components/ui/Button";
import { usePairSide, useCandidates, useJudge } from "./hooks/useResolution";
import { JudgeControls } from "./JudgeControls";
import { JudgedList } from "./JudgedList";
import { PairGraph } from "./PairGraph";
import { PairSide } from "./PairSide";
import { QueueFilters } from "./QueueFilters";
import { actionOfKey, filterFromParams, JUDGEMENT_WORDS, nextCandidate, pairKey, pairKeyOf, paramsOfFilter, type QueueAction } from "./queue";
import { Alert } from "@/components/ui/Alert";

/** The drawing of both sides, once both neighbour pages are read (the same reads the sides make). */
function PairDrawing({ candidate }: { candidate: Candidate }) {
  const left = usePairSide(candidate.left.id).neighbours.data;
  const right = usePairSide(candidate.right.id).neighbours.data;
  if (!left || !right) return null;
  return <PairGraph left={left} right={right} />;
}

/**
 * The review queue (/resolution): candidate pairs best first, one at a time, side by side, judged with a
 * button or a key; after a judgement the next pair comes. The filter lives in the query string.
 */
export function ResolutionQueue() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filter = filterFromParams(params);
  const candidates = useCandidates(filter);
  const judge = useJudge();
  const canJudge = useCan("graph:edit");
  const canReadJudged = useCan("changes:read");
  const [skipped, setSkipped] = useState<ReadonlySet<string>>(new Set());
  /** Pairs judged here, kept off screen until the queue is read again without them. */
  const [settled, setSettled] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState("");
  const current = nextCandidate(candidates.data?.candidates ?? [], skipped, settled);

  function setFilter(next: CandidateFilter) {
    setSkipped(new Set());
    router.replace(`${pathname}${paramsOfFilter(next)}`);
  }

  function act(action: QueueAction) {
    if (!current) return;
    const key = pairKeyOf(current);
    if (action === "skip") {
      setSkipped((before) => new Set(before).add(key));
      setStatus(`Skipped ${current.left.name} and ${current.right.name}.`);
      return;
    }
    if (!canJudge.allowed || judge.isPending) return;
    const judgement: Judgement = action;
    const pair = current;
    judge.mutate(
      { left: pair.left.id, right: pair.right.id, judgement },
      {
        onSuccess: () => {
          setSettled((before) => new Set(before).add(key));
          setStatus(`Judged ${pair.left.name} and ${pair.right.name}: ${JUDGEMENT_WORDS[judgement]}.`);
        },
      },
    );
  }

  // The keys work anywhere on the page except in a field; the latest `act` is read through a ref so the
  // listener is added once.
  const actRef = useRef(act);
  useEffect(() => {
    actRef.current = act;
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const action = actionOfKey(event);
      if (!action) return;
      event.preventDefault();
      actRef.current(action);
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  const remaining = candidates.data ? Math.max(0, candidates.data.total - settled.size) : null;

  return (
    <div className="flex-1 bg-gray-50 text-gray-900">
      <main className="mx-auto max-w-6xl space-y-4 p-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-xl font-semibold">Possible duplicates</h1>
            <p className="text-sm text-gray-700">
              Pairs of entities that may be one, best first. Judge each: “same” merges them (reversibly), “not the same” keeps them apart for good.
            </p>
          </div>
          <QueueFilters filter={filter} onChange={setFilter} />
        </div>
        {/* Always there (empty until a judgement), so that what it says after each judgement is announced. */}
        <Alert tone="info" plain className="min-h-5">
          {status}
        </Alert>

        {candidates.isPending ? (
          <p className="text-sm text-gray-600">Reading candidate pairs…</p>
        ) : candidates.isError ? (
          <Alert tone="error" plain>
            {errorMessage(candidates.error, "The candidate pairs could not be read.")}
          </Alert>
        ) : !current ? (
          <div className="rounded-md border border-gray-200 bg-white p-4 text-sm">
            <p>{skipped.size > 0 ? `Nothing more to review here: ${skipped.size} skipped.` : "Nothing to review here: no candidate pair left."}</p>
            {skipped.size > 0 && (
              <Button size="sm" className="mt-2" onClick={() => setSkipped(new Set())}>
                Show the skipped pairs again
              </Button>
            )}
          </div>
        ) : (
          <section aria-labelledby="pair-title" data-pair={`${current.left.id} ${current.right.id}`} className="space-y-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="pair-title" className="font-semibold">
                <UserText>{current.left.name}</UserText> or <UserText>{current.right.name}</UserText>?
              </h2>
              <p className="text-sm text-gray-700">
                Score <span className="tabular-nums">{Math.round(current.score * 100)}%</span>
                {remaining !== null && ` · ${remaining} pair${remaining === 1 ? "" : "s"} to review`}
              </p>
            </div>
            <div>
              <h3 className="text-sm font-medium">Why they may be one</h3>
              <ul aria-label="Reasons" className="list-disc pl-5 text-sm">
                {current.reasons.map((reason) => (
                  <li key={reason}>
                    <UserText>{reason}</UserText>
                  </li>
                ))}
              </ul>
            </div>
            <JudgeControls can={canJudge} busy={judge.isPending} onAction={act} />
            {judge.isError && (
              <Alert tone="error" plain>
                {errorMessage(judge.error, "The judgement could not be saved.")}
              </Alert>
            )}
            <div className="grid gap-3 md:grid-cols-2">
              <PairSide key={`l-${current.left.id}`} side={current.left} heading="Left" />
              <PairSide key={`r-${current.right.id}`} side={current.right} heading="Right" />
            </div>
            <PairDrawing key={pairKeyOf(current)} candidate={current} />
          </section>
        )}

        <JudgedList canRead={canReadJudged} canUndo={canJudge}
          onUndone={(judgement) =>
            setSettled((before) => {
              const after = new Set(before);
              after.delete(pairKey(judgement.left, judgement.right));
              return after;
            })
          }
        />
      </main>
    </div>
  );
}
