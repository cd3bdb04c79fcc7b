import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterAll, afterEach, beforeAll } from "vitest";
import { server } from "./network";

// The network is MSW's (tests/support/network.ts): a request no test handler answers is an error, so a
// component that asks for something the test did not expect fails instead of silently getting nothing.
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

// The first render of a big component (the explorer) imports its modules on the spot; on a busy two-core
// machine that alone can pass the default one-second wait of findBy*.
configure({ asyncUtilTimeout: 5_000 });

// jsdom has no matchMedia; components ask it about the screen width. Tests that care stub their own.
if (typeof window.matchMedia !== "function") {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
