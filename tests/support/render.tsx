/**
 * Testing Library's render, with the app's data layer around the component as the root layout puts it
 * (components/DataProvider.tsx): a fresh query cache per render, so no test sees another's data. Retries
 * are off unless a test asks for the app's own policy (`{ retries: "app" }`): a test that serves an error
 * sees it at once instead of after the back-off.
 */
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { render as renderWithoutData, type RenderOptions } from "@testing-library/react";
import type { ReactElement } from "react";
import { createQueryClient } from "@/lib/client/query-client";

export * from "@testing-library/react";

export interface DataRenderOptions extends Omit<RenderOptions, "wrapper"> {
  retries?: "off" | "app";
  client?: QueryClient;
}

export function render(ui: ReactElement, options: DataRenderOptions = {}) {
  const { retries = "off", client: given, ...rest } = options;
  const client = given ?? createQueryClient();
  if (retries === "off" && given === undefined) {
    client.setDefaultOptions({ ...client.getDefaultOptions(), queries: { ...client.getDefaultOptions().queries, retry: false } });
  }
  const Wrapper = ({ children }: { children: React.ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return { client, ...renderWithoutData(ui, { wrapper: Wrapper, ...rest }) };
}
