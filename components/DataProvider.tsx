"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { createQueryClient } from "@/lib/client/query-client";

/**
 * The browser's data layer for every page: one TanStack Query cache per browser tab, so components ask for
 * data by key (and share, cancel, retry and invalidate it) instead of each writing its own fetch, race
 * guard and refresh counter. Created in state so a re-render never swaps the cache.
 */
export function DataProvider({ children }: { children: React.ReactNode }) {
  const [client] = useState(createQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
