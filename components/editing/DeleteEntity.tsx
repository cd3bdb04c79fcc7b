"use client";

import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/api-client";
import { deletionPreviewQuery } from "@/lib/client/explore-queries";
import { useGraphWrite } from "@/lib/client/graph-writes";
import { deleteEntityApi } from "@/lib/editing/client";
import type { EditResult } from "@/lib/editing/edits";
import { RELATIONSHIP_TYPE_SPECS } from "@/lib/model/registry";
import { FormActions } from "./FormActions";
import { UserText } from "@/components/ui/UserText";

interface DeleteEntityProps {
  entityId: string;
  onDeleted: (result: EditResult) => void;
  onCancel: () => void;
}

/** Confirmation before deleting an entity, listing everything that goes with it. */
export function DeleteEntity({ entityId, onDeleted, onCancel }: DeleteEntityProps) {
  const preview = useQuery(deletionPreviewQuery(entityId));
  const deletion = useGraphWrite(deleteEntityApi);

  async function confirm() {
    try {
      onDeleted(await deletion.mutateAsync(entityId));
    } catch {
      // Shown below from the mutation's error; the reader can try again.
    }
  }

  const data = preview.data ?? null;
  const failure = deletion.isError
    ? errorMessage(deletion.error, "Could not delete. Try again.")
    : preview.isError
      ? errorMessage(preview.error, "Could not work out what would be deleted.")
      : null;
  const deleting = deletion.isPending;
  return (
    <section aria-labelledby="delete-title" className="space-y-3">
      <h2 id="delete-title" className="text-lg font-semibold text-gray-900">
        Delete {data ? <>“<UserText>{data.entity.name}</UserText>”</> : "entity"}?
      </h2>
      {!data && !failure && <p className="text-sm text-gray-500">Working out what goes with it…</p>}
      {data && (
        <div className="space-y-2 text-sm">
          {data.relationships.length === 0 ? (
            <p>It has no relationships.</p>
          ) : (
            <>
              <p>
                Its {data.relationships.length} relationship{data.relationships.length === 1 ? "" : "s"} will be deleted too:
              </p>
              <ul aria-label="Relationships deleted with it" className="max-h-48 list-disc overflow-y-auto pl-5">
                {data.relationships.map((rel) => (
                  <li key={rel.id}>
                    {rel.outgoing ? (
                      <>
                        {RELATIONSHIP_TYPE_SPECS[rel.type].verb} <UserText>{rel.otherName}</UserText>
                      </>
                    ) : (
                      <>
                        <UserText>{rel.otherName}</UserText> {RELATIONSHIP_TYPE_SPECS[rel.type].verb} it
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {data.citing > 0 && (
            <p>
              {data.citing} relationship{data.citing === 1 ? "" : "s"} cite this report and will lose it as a source
              {data.uncited.length > 0 ? `; ${data.uncited.length} of them have no other source and will be deleted:` : "."}
            </p>
          )}
          {data.uncited.length > 0 && (
            <ul aria-label="Relationships left without a source" className="max-h-32 list-disc overflow-y-auto pl-5">
              {data.uncited.map((rel) => (
                <li key={rel.id}>
                  <UserText>{rel.label}</UserText>
                </li>
              ))}
            </ul>
          )}
          <p className="text-gray-600">The deletion is recorded in History and can be reverted.</p>
        </div>
      )}
      <FormActions error={failure} busy={deleting} label="Delete" busyLabel="Deleting…" onCancel={onCancel} onConfirm={confirm} disabled={!data} danger />
    </section>
  );
}
