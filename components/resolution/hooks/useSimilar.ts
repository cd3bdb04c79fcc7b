"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { resolutionKeys } from "@/lib/client/keys/resolution";
import type { EntityType } from "@/lib/model/registry";
import { similarApi } from "@/lib/resolution/client";

/** Long enough that typing a name asks once, when the typing pauses. */
const SIMILAR_DEBOUNCE_MS = 400;
/** Shorter names match too much to be worth a warning. */
const MIN_NAME_LENGTH = 3;

/**
 * Existing entities like the name being typed (same scorer as the review queue), asked once the typing
 * pauses; `exclude` is the entity being renamed. Nothing is asked while `enabled` is false or the name is short.
 */
export function useSimilar(name: string, type: EntityType, exclude: string | undefined, enabled: boolean) {
  const typed = name.trim();
  const [asked, setAsked] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setAsked(typed), SIMILAR_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const active = enabled && asked.length >= MIN_NAME_LENGTH && asked === typed;
  const query = useQuery({
    queryKey: resolutionKeys.similar(asked, type, exclude ?? null),
    queryFn: ({ signal }) => similarApi({ name: asked, type, exclude }, signal),
    enabled: active,
    staleTime: 30_000,
  });
  return active ? (query.data?.similar ?? []) : [];
}
