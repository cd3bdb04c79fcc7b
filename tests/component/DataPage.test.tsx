/**
 * The data page by role: importing needs imports:write (editor, admin), so a viewer, an analyst and a
 * signed-out visitor see the form disabled with the reason; the whole-graph export is graph:read.
 */
import { render, screen } from "@testing-library/react";
import { REASONS, stubApiAs, type Who } from "../support/me";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), replace: vi.fn(), refresh: vi.fn() }),
  usePathname: () => "/data",
  useSearchParams: () => new URLSearchParams(),
}));

const { DataPage } = await import("@/components/data/DataPage");
// The header (with who is signed in) comes from the route group's frame, as on the page.
const { AppFrame } = await import("@/components/AppFrame");

function openDataPageAs(who: Who, options: { publicRead?: boolean } = {}) {
  window.history.replaceState(null, "", "/data");
  stubApiAs(who, () => undefined, options);
  render(
    <AppFrame>
      <DataPage />
    </AppFrame>,
  );
}

const importForm = () => screen.getByRole("group", { description: /./ });

describe("DataPage and roles", () => {
  it.each([["a viewer", "viewer"], ["an analyst", "analyst"]] as const)("shows %s the import form disabled, with the role it needs, and the export", async (_, who) => {
    openDataPageAs(who);
    expect(await screen.findByText(REASONS.imports)).toBeInTheDocument();
    expect(importForm()).toBeDisabled();
    expect(importForm()).toHaveAccessibleDescription(REASONS.imports);
    expect(screen.getByRole("button", { name: "Import" })).toBeDisabled();
    expect(screen.getByRole("link", { name: "Redstring JSON (re-importable)" })).toHaveAttribute("href", "/api/export?format=json");
  });

  it("tells a signed-out visitor to sign in to import, and still offers the export when reading is public", async () => {
    openDataPageAs("signed out");
    const note = await screen.findByTestId("needs-permission");
    expect(note).toHaveTextContent("Sign in to import data.");
    expect(note.querySelector("a")).toHaveAttribute("href", `/signin?next=${encodeURIComponent("/data")}`);
    expect(importForm()).toBeDisabled();
    expect(screen.getByRole("link", { name: "GraphML (Gephi, yEd)" })).toBeInTheDocument();
  });

  it("offers a signed-out visitor no export when reading is not public", async () => {
    openDataPageAs("signed out", { publicRead: false });
    expect(await screen.findByText(/to read the graph\.$/)).toHaveTextContent("Sign in to read the graph.");
    expect(screen.queryByRole("link", { name: "GraphML (Gephi, yEd)" })).not.toBeInTheDocument();
  });

  it("lets an editor fill in the import form", async () => {
    openDataPageAs("editor");
    expect(await screen.findByTestId("signed-in-as")).toHaveTextContent("(editor)");
    expect(screen.getByRole("radio", { name: "Redstring JSON" })).toBeEnabled();
    expect(screen.queryByTestId("needs-permission")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Column mapping (.json)")).toBeEnabled();
  });
});
