/**
 * The data page by role: importing needs imports:write (editor, admin), so a viewer, an analyst and a
 * signed-out visitor see the form disabled with the reason; the whole-graph export is graph:read.
 */
import { render, screen, within } from "../support/render";
import { answer } from "../support/network";
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

describe("DataPage and interrupted imports", () => {
  const job = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
    id,
    format: "csv",
    sourceName: "Lobbying register",
    status,
    phase: "write entities",
    rows: 10,
    bytesRead: 100,
    totalBytes: 100,
    created: 0,
    startedAt: "2026-11-30T10:00:00.000Z",
    finishedAt: null,
    result: null,
    problems: [],
    error: status === "interrupted" ? "The server running this import stopped before it finished. Run it again." : null,
    resumedBy: null,
    ...extra,
  });

  it("lists the editor's imports, offers 'Run again' for an interrupted one, and follows the new job to its end", async () => {
    const user = (await import("@testing-library/user-event")).default.setup();
    let resumed = false;
    const requests = stubApiAs("editor", (url) => {
      if (url.pathname === "/api/imports") {
        return answer(200, { imports: resumed ? [job("new", "imported"), job("old", "interrupted", { resumedBy: "new", canResume: false })] : [job("old", "interrupted", { canResume: true })] });
      }
      if (url.pathname === "/api/imports/old/resume") {
        resumed = true;
        return answer(202, job("new", "running"));
      }
      if (url.pathname === "/api/imports/new") {
        return answer(200, job("new", "imported", { finishedAt: "2026-11-30T10:05:00.000Z", result: { status: "imported", entities: { valid: 3, created: 3 }, relationships: { valid: 0, created: 0 }, duplicatesIgnored: 0, problemCount: 0, elapsedMs: 1200 } }));
      }
      return undefined;
    });
    window.history.replaceState(null, "", "/data");
    render(<DataPage />);

    const recent = await screen.findByRole("region", { name: "Your recent imports" });
    const run = await within(recent).findByRole("button", { name: "Run again: Lobbying register" });
    expect(within(recent).getByText(/Interrupted/)).toBeInTheDocument();
    await user.click(run);

    expect(await screen.findByText("Imported.")).toBeInTheDocument();
    const resumeCalls = requests.mock.calls.filter(([path]) => String(path) === "/api/imports/old/resume");
    expect(resumeCalls).toHaveLength(1);
    expect((resumeCalls[0]?.[1] as { method: string }).method).toBe("POST");
    // The list is read again: the old job now names its successor and offers nothing more.
    expect(await within(recent).findByText(/Interrupted, run again/)).toBeInTheDocument();
    expect(within(recent).queryByRole("button", { name: /Run again/ })).not.toBeInTheDocument();
  });
});
