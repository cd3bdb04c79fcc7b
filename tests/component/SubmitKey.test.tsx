/**
 * The editing forms send one Idempotency-Key per submit (lib/submit-key.ts): a retry of the same submit
 * after a network error sends the same key (so the server answers the first attempt instead of creating
 * twice), a changed form or a submit after a success sends a new one. Server side:
 * tests/integration/concurrency.test.ts.
 */
import { render, screen } from "../support/render";
import userEvent from "@testing-library/user-event";
import { EntityForm } from "@/components/editing/EntityForm";
import { RelationshipForm } from "@/components/editing/RelationshipForm";
import type { EditResult } from "@/lib/editing/edits";
import type { GraphNode, SearchHit } from "@/lib/graph/types";
import { createSubmitKey } from "@/lib/submit-key";
import { answer, serveRequests } from "../support/network";

const SLOW = { timeout: 20_000 };
type Call = [string, RequestInit | undefined];
const hit = (id: string, type: SearchHit["type"], name: string): SearchHit => ({ id, type, name, description: null, context: [], datasets: [], score: 1 });
const ACME: GraphNode = { id: "company-acme", type: "Company", name: "Acme Corp", properties: { name: "Acme Corp" } };
const AGENCY = hit("agency-health", "Agency", "Health Agency");
const AUDIT = hit("report-audit", "Report", "Audit of Acme");

/**
 * Search answers from `entities`; writes go through `writes` in turn: "offline" is a network error (fetch
 * rejects with a TypeError, as when the network fails), a number answers that status.
 */
function serve(writes: ("offline" | number)[], entities: SearchHit[] = [AGENCY, AUDIT]) {
  const queue = [...writes];
  return serveRequests((url) => {
    if (url.pathname === "/api/search") {
      const type = url.searchParams.get("type");
      return answer(200, { results: entities.filter((entity) => !type || entity.type === type) });
    }
    const next = queue.shift() ?? 201;
    if (next === "offline") return Response.error();
    return answer(next, next < 300 ? ({ id: "made", change: null } satisfies EditResult) : { error: "Refused." });
  });
}

/** The Idempotency-Key of every write to `path`, in order. */
function keysSent(fetchMock: ReturnType<typeof serveRequests>, path: string): (string | undefined)[] {
  return (fetchMock.mock.calls as unknown as Call[])
    .filter(([input, init]) => String(input) === path && init?.method === "POST")
    .map(([, init]) => (init?.headers as Record<string, string>)["idempotency-key"]);
}

describe("EntityForm sends one Idempotency-Key per submit", SLOW, () => {
  function setup() {
    const onSaved = vi.fn();
    const user = userEvent.setup({ delay: null });
    render(<EntityForm onSaved={onSaved} onCancel={() => {}} />);
    return { user, onSaved };
  }

  it("reuses the key when the same submit is retried after a network error", async () => {
    const fetchMock = serve(["offline", 201]);
    const { user, onSaved } = setup();
    await user.type(screen.getByRole("textbox", { name: /^Name ?\*$/ }), "Dawn raid");
    await user.click(screen.getByRole("button", { name: "Create" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("cannot be reached");
    await user.click(screen.getByRole("button", { name: "Create" }));
    expect(onSaved).toHaveBeenCalledTimes(1);
    // The form closes on success (its parent unmounts it); a new key after a success: createSubmitKey below.
    const keys = keysSent(fetchMock, "/api/entities");
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it("makes a new key when the form changed before the retry", async () => {
    const fetchMock = serve(["offline", 201]);
    const { user } = setup();
    await user.type(screen.getByRole("textbox", { name: /^Name ?\*$/ }), "Dawn raid");
    await user.click(screen.getByRole("button", { name: "Create" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("cannot be reached");
    await user.type(screen.getByRole("textbox", { name: /^Name ?\*$/ }), " at dawn");
    await user.click(screen.getByRole("button", { name: "Create" }));
    const [first, second] = keysSent(fetchMock, "/api/entities");
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });
});

describe("RelationshipForm sends one Idempotency-Key per submit", SLOW, () => {
  it("reuses the key when the same relationship is retried after a network error", async () => {
    const fetchMock = serve(["offline", 201]);
    const onSaved = vi.fn();
    const user = userEvent.setup({ delay: null });
    render(<RelationshipForm anchor={ACME} onSaved={onSaved} onCancel={() => {}} />);
    await user.type(screen.getByRole("combobox", { name: "Other entity" }), "health");
    await user.click(await screen.findByRole("option", { name: /^Health Agency/ }));
    await user.type(screen.getByRole("combobox", { name: "Find a report" }), "audit");
    await user.click(await screen.findByRole("option", { name: /^Audit of Acme/ }));
    await user.click(screen.getByRole("button", { name: "Add relationship" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("cannot be reached");
    await user.click(screen.getByRole("button", { name: "Add relationship" }));
    expect(onSaved).toHaveBeenCalledTimes(1);
    const [first, second] = keysSent(fetchMock, "/api/relationships");
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toBe(first);
  });
});

describe("createSubmitKey", () => {
  it("keeps a key per body until a success", () => {
    const submitKey = createSubmitKey();
    const first = submitKey.keyFor({ name: "a" });
    expect(submitKey.keyFor({ name: "a" })).toBe(first);
    const other = submitKey.keyFor({ name: "b" });
    expect(other).not.toBe(first);
    submitKey.succeeded();
    expect(submitKey.keyFor({ name: "b" })).not.toBe(other);
  });
});
