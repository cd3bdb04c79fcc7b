"use client";

import { useQuery } from "@tanstack/react-query";
import { schemaKeys } from "@/lib/client/keys/schema";
import { graphSchemaApi } from "@/lib/schema/client";

/**
 * The graph's schema (GET /api/schema), shared by the /schema page and the Cypher editor, so both say the
 * same. A graph write marks it stale like every other read (lib/client/graph-writes.ts). `enabled` is off
 * for someone who may not read the graph: the editor then completes from the registry alone.
 */
export function useGraphSchema({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: schemaKeys.graph(), queryFn: ({ signal }) => graphSchemaApi(signal), enabled });
}
