"use client";

import Link from "next/link";
import { ENTITY_TYPE_SPECS, isEntityType } from "@/lib/model/registry";
import type { SimilarEntity } from "@/lib/resolution/client";
import { Button } from "@/components/ui/Button";
import { UserText } from "@/components/ui/UserText";
import { Alert } from "@/components/ui/Alert";

interface SimilarWarningProps {
  similar: readonly SimilarEntity[];
  /** Creating: offer "Create anyway" (renaming only warns). */
  onCreateAnyway?: () => void;
}

const explorerHref = (id: string) => `/?nodes=${encodeURIComponent(id)}&selected=${encodeURIComponent(id)}`;

/**
 * Before a duplicate is made: the existing entities like the name typed ("Thermo Fisher Scientific Inc.
 * already exists — open it, or create anyway"), each with the scorer's reasons and a link to open it.
 */
export function SimilarWarning({ similar, onCreateAnyway }: SimilarWarningProps) {
  if (similar.length === 0) return null;
  const [first] = similar;
  return (
    <Alert as="div" tone="warning" aria-label="Similar entities" className="space-y-1 border border-amber-400">
      <p className="font-medium">
        {similar.length === 1 && first ? (
          <>
            <UserText>{first.name}</UserText> already exists — open it, or {onCreateAnyway ? "create anyway" : "keep this name anyway"}.
          </>
        ) : (
          <>Similar entities already exist — open one, or {onCreateAnyway ? "create anyway" : "keep this name anyway"}.</>
        )}
      </p>
      <ul className="space-y-1">
        {similar.map((entity) => (
          <li key={entity.id}>
            <Link href={explorerHref(entity.id)} className="font-medium text-red-900 underline" target="_blank" rel="noopener">
              <UserText>{entity.name}</UserText>
            </Link>{" "}
            <span className="text-xs">
              {isEntityType(entity.type) ? ENTITY_TYPE_SPECS[entity.type].label : entity.type} · {entity.reasons.join("; ")}
            </span>
          </li>
        ))}
      </ul>
      {onCreateAnyway && (
        <Button size="sm" variant="caution" onClick={onCreateAnyway}>
          Create anyway
        </Button>
      )}
    </Alert>
  );
}
