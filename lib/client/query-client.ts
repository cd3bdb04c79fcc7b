import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "../api-client";

/**
 * How the browser's data cache behaves. A refusal (4xx) is the server's final word, so it is not retried;
 * a lost connection or a 5xx/503 (the server busy or restarting) is tried twice more. Data stays fresh for
 * a short while so moving between panels does not ask again, and a window regaining focus does not refetch
 * the graph under the reader's eyes.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => failures < 2 && isWorthRetrying(error),
      },
      mutations: { retry: false },
    },
  });
}

function isWorthRetrying(error: unknown): boolean {
  if (error instanceof DOMException && error.name === "AbortError") return false;
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status >= 500;
}
