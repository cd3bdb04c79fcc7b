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

// jsdom has <dialog> but neither showModal() nor close(). The stand-ins only open and close it: jsdom has no
// top layer or inertness, which is why components/ui/Dialog keeps Tab inside by itself (and the
// end-to-end suite checks the real thing in Chromium).
if (typeof HTMLDialogElement !== "undefined" && typeof HTMLDialogElement.prototype.showModal !== "function") {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.hasAttribute("open")) return;
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
}
