/**
 * The route group's frame renders the header once for every page, marks the section from the address, and
 * lets a page put its own controls into the header (the explorer's search) while they stay the page's.
 */
import { render, screen, within } from "../support/render";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { sectionOf } from "@/components/AppHeader";
import { stubApiAs } from "../support/me";

let pathname = "/";
vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }),
  usePathname: () => pathname,
  useSearchParams: () => new URLSearchParams(),
}));

const { AppFrame, HeaderExtras } = await import("@/components/AppFrame");

function PageWithExtras() {
  const [count, setCount] = useState(0);
  return (
    <main>
      <HeaderExtras>
        <button type="button" onClick={() => setCount(count + 1)}>
          Count
        </button>
      </HeaderExtras>
      <p>Counted {count}</p>
    </main>
  );
}

describe("sectionOf", () => {
  it.each([
    ["/", "explorer"],
    ["/queries", "queries"],
    ["/queries/new", "queries"],
    ["/queries/q-1", "queries"],
    ["/snapshots", "snapshots"],
    ["/s/abc", "snapshots"],
    ["/data", "data"],
    ["/datasets", "datasets"],
    ["/datasets/ftm-donations", "datasets"],
    ["/resolution", "resolution"],
    ["/changes", "changes"],
    ["/admin/users", "admin"],
    ["/admin/settings", "admin"],
    ["/account/password", "account"],
  ])("%s belongs to %s", (path, section) => {
    expect(sectionOf(path)).toBe(section);
  });
});

describe("AppFrame", () => {
  it("renders one header, with the address's section marked current", async () => {
    pathname = "/queries/q-1";
    stubApiAs("viewer");
    render(
      <AppFrame>
        <main>Page</main>
      </AppFrame>,
    );
    expect(screen.getAllByRole("banner")).toHaveLength(1);
    const sections = screen.getByRole("navigation", { name: "Sections" });
    expect(await within(sections).findByRole("link", { name: "Saved queries" })).toHaveAttribute("aria-current", "page");
    expect(within(sections).getByRole("link", { name: "Explorer" })).not.toHaveAttribute("aria-current");
  });

  it("draws a page's extras inside the header, still wired to the page", async () => {
    pathname = "/";
    stubApiAs("viewer");
    const user = userEvent.setup();
    render(
      <AppFrame>
        <PageWithExtras />
      </AppFrame>,
    );
    const count = await within(screen.getByRole("banner")).findByRole("button", { name: "Count" });
    await user.click(count);
    expect(screen.getByText("Counted 1")).toBeInTheDocument();
  });

  it("draws the extras in place when the page is rendered without the frame", () => {
    render(<PageWithExtras />);
    expect(within(screen.getByRole("main")).getByRole("button", { name: "Count" })).toBeInTheDocument();
  });
});
