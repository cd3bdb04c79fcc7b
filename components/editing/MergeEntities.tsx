"use client";

import { useState } from "react";
import { SearchBox } from "@/components/search/SearchBox";
import { errorMessage } from "@/lib/api-client";
import { mergeApi } from "@/lib/editing/client";
import { useGraphWrite } from "@/lib/client/graph-writes";
import { useSubmitKey } from "@/lib/submit-key";
import type { EditResult } from "@/lib/editing/edits";
import type { GraphNode } from "@/lib/graph/types";
import { ENTITY_KINDS, ENTITY_TYPE_SPECS, sameKind } from "@/lib/model/registry";
import { FormActions } from "./FormActions";
import { UserText } from "@/components/ui/UserText";
import { Button } from "@/components/ui/Button";

interface MergeEntitiesProps {
  entity: GraphNode;
  onMerged: (result: EditResult, removedId: string) => void;
  onCancel: () => void;
}

type Other = { id: string; name: string };

/**
 * Merge a duplicate of this entity: pick it, choose which one stays, confirm. The other one's
 * relationships and citations move to the one that stays, its names become aliases; revertible.
 */
export function MergeEntities({ entity, onMerged, onCancel }: MergeEntitiesProps) {
  const [other, setOther] = useState<Other | null>(null);
  const [keepThis, setKeepThis] = useState(true);
  const [merging, setMerging] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const label = ENTITY_TYPE_SPECS[entity.type].label.toLowerCase();
  const self: Other = { id: entity.id, name: entity.name };
  const [survivor, duplicate] = keepThis ? [self, other] : [other, self];
  const submitKey = useSubmitKey();
  const merge = useGraphWrite((input: { survivor: string; duplicate: string; key: string }) => mergeApi(input.survivor, input.duplicate, input.key));

  async function confirm() {
    if (!survivor || !duplicate) return;
    setMerging(true);
    setFailure(null);
    try {
      const merged = await merge.mutateAsync({ survivor: survivor.id, duplicate: duplicate.id, key: submitKey.keyFor([survivor.id, duplicate.id]) });
      submitKey.succeeded();
      onMerged(merged, duplicate.id);
    } catch (cause) {
      setFailure(errorMessage(cause, "Could not merge. Try again."));
      setMerging(false);
    }
  }

  return (
    <section aria-labelledby="merge-title" className="space-y-3">
      <h2 id="merge-title" className="text-lg font-semibold text-gray-900">
        Merge a duplicate of “<UserText>{entity.name}</UserText>”
      </h2>
      {!other ? (
        <SearchBox
          label={`Duplicate ${label}`}
          showLabel
          // A Person may be the same as a Legislator, a Company as an Agency: search the whole kind.
          type={ENTITY_KINDS[entity.type] ? undefined : entity.type}
          placeholder={`Search the duplicate ${label}`}
          accept={(hit) => hit.id !== entity.id && sameKind(hit.type, entity.type)}
          onPick={(hit) => setOther({ id: hit.id, name: hit.name })}
        />
      ) : (
        <div className="space-y-2 text-sm">
          <fieldset className="space-y-1">
            <legend className="text-xs font-medium text-gray-700">Which one stays?</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="survivor" checked={keepThis} onChange={() => setKeepThis(true)} />
              <UserText>{entity.name}</UserText>
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="survivor" checked={!keepThis} onChange={() => setKeepThis(false)} />
              <UserText>{other.name}</UserText>
            </label>
          </fieldset>
          <p>
            “<UserText>{duplicate?.name}</UserText>” will be deleted. Its relationships and the sources citing it move to “
            <UserText>{survivor?.name}</UserText>”, and its names are kept as
            aliases. If their types differ, the one that stays keeps its type unless only the other type can hold
            every relationship of both; a Person and a Legislator become a Legislator. The merge is recorded in
            History and can be reverted.
          </p>
          <Button variant="link" size="xs" onClick={() => setOther(null)}>
            Pick another duplicate
          </Button>
        </div>
      )}
      <FormActions error={failure} busy={merging} label="Merge" busyLabel="Merging…" onCancel={onCancel} onConfirm={confirm} disabled={!other} />
    </section>
  );
}
