"use client";

import { errorMessage } from "@/lib/api-client";
import type { Can } from "@/lib/auth/client";
import type { JudgementRecord } from "@/lib/resolution/client";
import { describeTime } from "@/components/datasets/format";
import { NeedsPermission } from "@/components/auth/NeedsPermission";
import { Button } from "@/components/ui/Button";
import { UserText } from "@/components/ui/UserText";
import { useJudgements, useUndoJudgement } from "./hooks/useResolution";
import { JUDGEMENT_WORDS } from "./queue";
import { Alert } from "@/components/ui/Alert";

interface JudgedListProps {
  /** May the reader see judgements (the history of changes)? */
  canRead: Can;
  /** May the reader undo them (edit the graph)? */
  canUndo: Can;
  /** After an undo: the pair is proposed again, so the queue shows it again. */
  onUndone: (judgement: JudgementRecord) => void;
}

/** One side of a judged pair: the name it had when judged (a "same" merged one away), and its id. */
function Side({ id, name }: { id: string; name: string | null }) {
  return name ? (
    <span>
      <UserText className="font-medium">{name}</UserText> <span className="break-all font-mono text-xs text-gray-600">({id})</span>
    </span>
  ) : (
    <span className="break-all font-mono text-xs">{id}</span>
  );
}

/** The judgements made, newest first: who, when, what; each with Undo (a "same" is undone by reverting its merge). */
export function JudgedList({ canRead, canUndo, onUndone }: JudgedListProps) {
  const judgements = useJudgements(canRead.allowed);
  const undo = useUndoJudgement();
  return (
    <section aria-labelledby="judged-title" className="rounded-md border border-gray-200 bg-white p-3">
      <h2 id="judged-title" className="font-semibold">
        Judged{judgements.data ? ` (${judgements.data.total})` : ""}
      </h2>
      {!canRead.allowed ? (
        <NeedsPermission can={canRead} className="text-sm text-gray-700" />
      ) : judgements.isPending ? (
        <p className="text-sm text-gray-600">Reading judgements…</p>
      ) : judgements.isError ? (
        <p className="text-sm text-red-800">{errorMessage(judgements.error, "The judgements could not be read.")}</p>
      ) : judgements.data.judgements.length === 0 ? (
        <p className="text-sm text-gray-600">No pair judged yet.</p>
      ) : (
        <ul aria-label="Judgements" className="mt-2 divide-y divide-gray-100 text-sm">
          {judgements.data.judgements.map((judgement: JudgementRecord) => (
            <li key={judgement.id} className="flex flex-wrap items-center gap-x-2 gap-y-1 py-2">
              <span className="min-w-0 flex-1">
                <Side id={judgement.left} name={judgement.leftName} /> and <Side id={judgement.right} name={judgement.rightName} />:{" "}
                <strong>{JUDGEMENT_WORDS[judgement.judgement]}</strong>
                <span className="block text-xs text-gray-600">
                  by <UserText>{judgement.by.name}</UserText>, {describeTime(judgement.at)}
                </span>
              </span>
              <Button
                size="sm"
                disabled={!canUndo.allowed || undo.isPending}
                aria-label={`Undo: ${judgement.leftName ?? judgement.left} and ${judgement.rightName ?? judgement.right} ${JUDGEMENT_WORDS[judgement.judgement]}`}
                onClick={() => undo.mutate(judgement.id, { onSuccess: () => onUndone(judgement) })}
              >
                Undo
              </Button>
            </li>
          ))}
        </ul>
      )}
      {undo.isError && (
        <Alert tone="error" plain className="mt-2">
          {errorMessage(undo.error, "The judgement could not be undone.")}
        </Alert>
      )}
    </section>
  );
}
