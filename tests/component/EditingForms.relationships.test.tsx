/**
 * The other editing forms, driven as an editor would. RelationshipForm: from an entity, the "Other entity"
 * search lists only what some relationship type can join, picking one chooses a direction that works, the
 * type's own fields show, and no relationship is saved without a source; editing starts from the edge's
 * fields and sources and sends the updatedAt it loaded. DeleteEntity: the preview of what goes with the
 * entity, then DELETE. MergeEntities: a duplicate of the same type only, and "Which one stays?" decides
 * survivor and duplicate. Names holding markup stay text. EntityForm: EditingForms.test.tsx.
 */
import { render, screen, within } from "../support/render";
import userEvent from "@testing-library/user-event";
import { DeleteEntity } from "@/components/editing/DeleteEntity";
import { MergeEntities } from "@/components/editing/MergeEntities";
import { RelationshipForm } from "@/components/editing/RelationshipForm";
import type { EditResult } from "@/lib/editing/edits";
import type { DeletePreview } from "@/lib/editing/model";
import type { GraphEdge, GraphNode, SearchHit } from "@/lib/graph/types";
import { answer, serveRequests } from "../support/network";
import { wholeText } from "../support/text";

const XSS = `<img src=x onerror=alert(1)>`;
// Every pick waits out the search box's debounce; a busy machine needs more than the default five seconds.
const SLOW = { timeout: 20_000 };
const hit = (id: string, type: SearchHit["type"], name: string): SearchHit => ({ id, type, name, description: null, context: [], datasets: [], score: 1 });
const ACME: GraphNode = { id: "company-acme", type: "Company", name: "Acme Corp", properties: { name: "Acme Corp" } };
const AGENCY = hit("agency-health", "Agency", "Health Agency");
const TAXES = hit("subject-taxes", "Subject", "Taxes"); // nothing joins a Company and a Subject
const BILL = hit("bill-hr1", "Bill", "H.R. 1"); // nor a Company and a Bill
const STORY = hit("report-story", "Report", "The story"); // only Report -> Company (published by)
const AUDIT = hit("report-audit", "Report", "Audit of Acme");
const RESULT: EditResult = { id: "rel-new", change: null };

type Call = [string, RequestInit | undefined];

/** Search (filtered by `type` like the server) and one answer for every other request. */
function serve(other: (url: URL) => Response = () => answer(201, RESULT), entities: SearchHit[] = [hit(ACME.id, "Company", ACME.name), AGENCY, TAXES, BILL, STORY, AUDIT]) {
  return serveRequests((url) => {
    if (url.pathname === "/api/search") {
      const type = url.searchParams.get("type");
      return answer(200, { results: entities.filter((entity) => !type || entity.type === type) });
    }
    return other(url);
  });
}

const calls = (fetchMock: ReturnType<typeof serveRequests>) => fetchMock.mock.calls as unknown as Call[];
/** The JSON bodies sent with this method to this path. */
const sent = (fetchMock: ReturnType<typeof serveRequests>, method: string, path: string) =>
  calls(fetchMock)
    .filter(([input, init]) => String(input) === path && (init?.method ?? "GET") === method)
    .map(([, init]) => JSON.parse(String(init?.body)) as unknown);
const writes = (fetchMock: ReturnType<typeof serveRequests>) => calls(fetchMock).filter(([, init]) => (init?.method ?? "GET") !== "GET").length;
const searchUrls = (fetchMock: ReturnType<typeof serveRequests>) =>
  calls(fetchMock)
    .map(([input]) => new URL(String(input), "http://localhost"))
    .filter((url) => url.pathname === "/api/search");
const optionsOf = (select: HTMLElement) => within(select).getAllByRole("option").map((option) => option.textContent);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function pickFromSearch(user: ReturnType<typeof userEvent.setup>, label: string, text: string, option: string) {
  await user.type(screen.getByRole("combobox", { name: label }), text);
  await user.click(await screen.findByRole("option", { name: new RegExp(`^${escape(option)}`) }));
}

describe("RelationshipForm: a new relationship", SLOW, () => {
  function setup(anchor: GraphNode = ACME) {
    const onSaved = vi.fn<(result: EditResult, otherId: string | null) => void>();
    const user = userEvent.setup({ delay: null });
    render(<RelationshipForm anchor={anchor} onSaved={onSaved} onCancel={() => {}} />);
    return { user, onSaved };
  }

  it("lists only entities some relationship type can join, never the entity itself", async () => {
    const fetchMock = serve();
    const { user } = setup();
    expect(screen.getByRole("heading", { name: "Add a relationship to Acme Corp" })).toBeInTheDocument();
    await user.type(screen.getByRole("combobox", { name: "Other entity" }), "a");
    const options = await screen.findAllByRole("option");
    expect(options.map((option) => option.textContent)).toEqual(["Health AgencyAgency or commission", "The storyReport or article", "Audit of AcmeReport or article"]);
    expect(searchUrls(fetchMock)[0]?.searchParams.get("type")).toBeNull();
  });

  it("picks a direction that works, shows the type's fields, and sends from and to that way round", async () => {
    const fetchMock = serve();
    const { user, onSaved } = setup();
    await pickFromSearch(user, "Other entity", "health", AGENCY.name);
    expect(screen.getByText("Health Agency")).toBeInTheDocument();
    const direction = screen.getByLabelText("Direction");
    const relationship = screen.getByLabelText("Relationship");
    expect(optionsOf(direction)).toEqual(["Acme Corp → Health Agency", "Health Agency → Acme Corp"]);
    expect(direction).toHaveValue("out");
    expect(optionsOf(relationship)).toEqual(["part of", "supplied", "paid", "director of"]);
    expect(screen.queryByLabelText("Product")).not.toBeInTheDocument();
    await user.selectOptions(relationship, "supplied");
    await user.type(screen.getByLabelText("Product"), " Masks ");
    await pickFromSearch(user, "Find a report", "audit", AUDIT.name);
    expect(searchUrls(fetchMock).at(-1)?.searchParams.get("type")).toBe("Report");
    await user.type(screen.getByLabelText("Quote (optional)"), "Acme supplied masks.");
    await user.click(screen.getByRole("button", { name: "Add relationship" }));

    expect(sent(fetchMock, "POST", "/api/relationships")).toStrictEqual([
      { type: "SUPPLIED", from: ACME.id, to: AGENCY.id, properties: { product: "Masks" }, sources: [AUDIT.id], quote: "Acme supplied masks." },
    ]);
    expect(onSaved).toHaveBeenCalledWith(RESULT, AGENCY.id);
  });

  it("turns round: the options follow the direction and the ends swap", async () => {
    const fetchMock = serve();
    const { user } = setup();
    await pickFromSearch(user, "Other entity", "health", AGENCY.name);
    await user.selectOptions(screen.getByLabelText("Relationship"), "supplied");
    await user.selectOptions(screen.getByLabelText("Direction"), "in");
    // An agency supplies nothing: Agency -> Company is part of, paid or owner of.
    expect(optionsOf(screen.getByLabelText("Relationship"))).toEqual(["part of", "paid", "owner of"]);
    expect(screen.getByLabelText("Relationship")).toHaveValue("PART_OF");
    expect(screen.queryByLabelText("Product")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Cite a new report…" }));
    await user.type(within(screen.getByRole("group", { name: "New report" })).getByLabelText("Title"), "Org chart");
    await user.click(screen.getByRole("button", { name: "Add relationship" }));
    expect(sent(fetchMock, "POST", "/api/relationships")).toStrictEqual([
      { type: "PART_OF", from: AGENCY.id, to: ACME.id, properties: {}, sources: [], newSource: { name: "Org chart" } },
    ]);
  });

  it("starts the other way round when only that way works", async () => {
    const fetchMock = serve();
    const { user } = setup();
    await pickFromSearch(user, "Other entity", "story", STORY.name);
    expect(screen.getByLabelText("Direction")).toHaveValue("in");
    expect(optionsOf(screen.getByLabelText("Relationship"))).toEqual(["published by"]);
    await pickFromSearch(user, "Find a report", "audit", AUDIT.name);
    await user.click(screen.getByRole("button", { name: "Add relationship" }));
    expect(sent(fetchMock, "POST", "/api/relationships")).toStrictEqual([
      { type: "PUBLISHED_BY", from: STORY.id, to: ACME.id, properties: {}, sources: [AUDIT.id] },
    ]);
  });

  it("refuses to save without the other entity or without a source", async () => {
    const fetchMock = serve();
    const { user, onSaved } = setup();
    await user.click(screen.getByRole("button", { name: "Add relationship" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Choose the other entity.");
    await pickFromSearch(user, "Other entity", "health", AGENCY.name);
    await user.click(screen.getByRole("button", { name: "Add relationship" }));
    expect(screen.getByRole("alert")).toHaveTextContent("A relationship needs at least one source: pick a report or describe a new one.");
    expect(writes(fetchMock)).toBe(0);
    expect(onSaved).not.toHaveBeenCalled();
  });
});

describe("RelationshipForm: editing", SLOW, () => {
  const EDGE: GraphEdge = {
    id: "rel-acme-supplied-health",
    type: "SUPPLIED",
    source: ACME.id,
    target: AGENCY.id,
    properties: { product: "PPE", createdAt: "2024-06-01T10:00:00.000Z", updatedAt: "2024-06-02T10:00:00.000Z" },
    sources: [
      { id: "report-a", name: "Audit A", publisher: null, url: null, publishedAt: null },
      { id: "report-b", name: "Audit B", publisher: null, url: null, publishedAt: null },
    ],
    quote: "Acme supplied PPE.",
  };

  function setup() {
    const onSaved = vi.fn<(result: EditResult, otherId: string | null) => void>();
    const user = userEvent.setup({ delay: null });
    render(<RelationshipForm edge={EDGE} names={{ from: ACME.name, to: AGENCY.name }} onSaved={onSaved} onCancel={() => {}} />);
    return { user, onSaved };
  }

  it("starts with the edge's fields and sources, and sends PATCH with the updatedAt it loaded", async () => {
    const fetchMock = serve(() => answer(200, { id: EDGE.id, change: null }));
    const { user, onSaved } = setup();
    const form = screen.getByRole("form", { name: "Edit relationship" });
    expect(form).toHaveTextContent("Acme Corp supplied Health Agency");
    expect(screen.getByLabelText("Product")).toHaveValue("PPE");
    expect(within(screen.getByRole("list", { name: "Chosen sources" })).getAllByRole("listitem").map((item) => item.firstChild?.textContent)).toEqual([
      "Audit A",
      "Audit B",
    ]);
    expect(screen.getByLabelText("Quote (optional)")).toHaveValue("Acme supplied PPE.");
    expect(screen.queryByRole("combobox", { name: "Other entity" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Remove source Audit B" }));
    await user.clear(screen.getByLabelText("Product"));
    await user.type(screen.getByLabelText("Product"), "Masks");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(sent(fetchMock, "PATCH", `/api/relationships/${EDGE.id}`)).toStrictEqual([
      { properties: { product: "Masks" }, sources: ["report-a"], quote: "Acme supplied PPE.", updatedAt: "2024-06-02T10:00:00.000Z" },
    ]);
    expect(onSaved).toHaveBeenCalledWith({ id: EDGE.id, change: null }, null);
  });

  it("keeps a payment's typed values: the amount in a number box, a year-only date as written, both sent back", async () => {
    const payment: GraphEdge = {
      ...EDGE,
      id: "rel-payment",
      type: "PAID",
      properties: { amount: 113969.15, currency: "EUR", date: "2011", updatedAt: "2024-06-02T10:00:00.000Z" },
    };
    const fetchMock = serve(() => answer(200, { id: payment.id, change: null }));
    const user = userEvent.setup({ delay: null });
    render(<RelationshipForm edge={payment} names={{ from: ACME.name, to: AGENCY.name }} onSaved={() => {}} onCancel={() => {}} />);
    const amount = screen.getByLabelText("Amount");
    expect(amount).toHaveAttribute("type", "number");
    expect(amount).toHaveValue(113969.15);
    // A date picker would blank "2011": a year-only date stays a text box.
    expect(screen.getByLabelText("Date")).toHaveValue("2011");
    await user.clear(screen.getByLabelText("Currency"));
    await user.type(screen.getByLabelText("Currency"), "USD");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(sent(fetchMock, "PATCH", `/api/relationships/${payment.id}`)).toStrictEqual([
      expect.objectContaining({ properties: { amount: "113969.15", currency: "USD", date: "2011" } }),
    ]);
  });

  it("refuses to save once every source is removed", async () => {
    const fetchMock = serve();
    const { user, onSaved } = setup();
    await user.click(screen.getByRole("button", { name: "Remove source Audit A" }));
    await user.click(screen.getByRole("button", { name: "Remove source Audit B" }));
    expect(screen.queryByRole("list", { name: "Chosen sources" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(screen.getByRole("alert")).toHaveTextContent("A relationship needs at least one source: pick a report or describe a new one.");
    expect(fetchMock).not.toHaveBeenCalled();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("shows the server's message on a conflict", async () => {
    const message = "“Acme Corp supplied Health Agency” was changed by someone else since you opened it. Reload it and edit again.";
    serve(() => answer(409, { error: message }));
    const { user, onSaved } = setup();
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(onSaved).not.toHaveBeenCalled();
  });
});

describe("DeleteEntity", SLOW, () => {
  const PREVIEW: DeletePreview = {
    entity: { id: "report-story", type: "Report", name: "The story" },
    relationships: [
      { id: "rel-1", type: "PUBLISHED_BY", otherId: "org-times", otherName: "The Times", outgoing: true },
      { id: "rel-2", type: "CONCERNS", otherId: "event-raid", otherName: "Dawn raid", outgoing: false },
    ],
    citing: 3,
    uncited: [{ id: "rel-3", type: "SUPPLIED", label: "Acme Corp supplied Health Agency" }],
  };

  function setup(remove: () => Response, preview: () => Response = () => answer(200, PREVIEW)) {
    const fetchMock = serveRequests((url) => (url.pathname.endsWith("/deletion") ? preview() : remove()));
    const onDeleted = vi.fn<(result: EditResult) => void>();
    render(<DeleteEntity entityId="report-story" onDeleted={onDeleted} onCancel={() => {}} />);
    return { fetchMock, onDeleted, user: userEvent.setup({ delay: null }) };
  }

  it("shows what goes with the entity, then deletes it", async () => {
    const { fetchMock, onDeleted, user } = setup(() => answer(200, { id: "report-story", change: null }));
    expect(screen.getByRole("button", { name: "Delete" })).toBeDisabled();
    expect(await screen.findByRole("heading", { name: "Delete “The story”?" })).toBeInTheDocument();
    expect(calls(fetchMock)[0]?.[0]).toBe("/api/entities/report-story/deletion");
    expect(screen.getByText("Its 2 relationships will be deleted too:")).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Relationships deleted with it" })).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "published by The Times",
      "Dawn raid concerns it",
    ]);
    expect(
      screen.getByText("3 relationships cite this report and will lose it as a source; 1 of them have no other source and will be deleted:"),
    ).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Relationships left without a source" })).getByRole("listitem")).toHaveTextContent(
      "Acme Corp supplied Health Agency",
    );

    await user.click(screen.getByRole("button", { name: "Delete" }));
    expect(calls(fetchMock).filter(([, init]) => init?.method === "DELETE").map(([input]) => input)).toEqual(["/api/entities/report-story"]);
    expect(onDeleted).toHaveBeenCalledWith({ id: "report-story", change: null });
  });

  it("says so when the entity has no relationships", async () => {
    setup(() => answer(500, {}), () => answer(200, { ...PREVIEW, relationships: [], citing: 0, uncited: [] }));
    expect(await screen.findByText("It has no relationships.")).toBeInTheDocument();
    expect(screen.queryByText(/cite this report/)).not.toBeInTheDocument();
  });

  it("shows the server's message when the deletion fails", async () => {
    const message = "“The story” was changed by someone else. Reload it and try again.";
    const { onDeleted, user } = setup(() => answer(409, { error: message }));
    await screen.findByRole("heading", { name: "Delete “The story”?" });
    await user.click(screen.getByRole("button", { name: "Delete" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(onDeleted).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Delete" })).toBeEnabled();
  });

  it("shows the server's message when the preview fails, and offers no Delete", async () => {
    setup(() => answer(500, {}), () => answer(404, { error: "No entity with id report-story." }));
    expect(await screen.findByRole("alert")).toHaveTextContent("No entity with id report-story.");
    expect(screen.getByRole("button", { name: "Delete" })).toBeDisabled();
  });
});

describe("MergeEntities", SLOW, () => {
  const TWIN = hit("company-acme-2", "Company", "Acme Corporation");

  function setup(merge: () => Response = () => answer(200, { id: ACME.id, change: null })) {
    const fetchMock = serve(merge, [hit(ACME.id, "Company", ACME.name), TWIN, AGENCY]);
    const onMerged = vi.fn<(result: EditResult, removedId: string) => void>();
    render(<MergeEntities entity={ACME} onMerged={onMerged} onCancel={() => {}} />);
    return { fetchMock, onMerged, user: userEvent.setup({ delay: null }) };
  }

  it("searches duplicates of the same kind, never the entity itself", async () => {
    const { fetchMock, user } = setup();
    expect(screen.getByRole("button", { name: "Merge" })).toBeDisabled();
    await user.type(screen.getByRole("combobox", { name: "Duplicate company" }), "acme");
    const options = await screen.findAllByRole("option");
    expect(options.map((option) => option.textContent)).toEqual(["Acme CorporationCompany", "Health AgencyAgency or commission"]);
    const search = searchUrls(fetchMock)[0]!;
    // A company may be an agency or an organisation recorded another way: the search spans the kind, and
    // hits of another kind are left out (EditingForms.panel.test.tsx).
    expect(search.searchParams.get("type")).toBeNull();
    expect(search.searchParams.get("q")).toBe("acme");
  });

  it("keeps this entity by default, and the other one when chosen", async () => {
    const { fetchMock, onMerged, user } = setup();
    await pickFromSearch(user, "Duplicate company", "acme", TWIN.name);
    const stays = screen.getByRole("group", { name: "Which one stays?" });
    expect(within(stays).getByRole("radio", { name: "Acme Corp" })).toBeChecked();
    expect(screen.getByText(wholeText(/^“Acme Corporation” will be deleted/))).toHaveTextContent("move to “Acme Corp”");

    await user.click(within(stays).getByRole("radio", { name: "Acme Corporation" }));
    expect(screen.getByText(wholeText(/^“Acme Corp” will be deleted/))).toHaveTextContent("move to “Acme Corporation”");
    await user.click(screen.getByRole("button", { name: "Merge" }));
    expect(sent(fetchMock, "POST", "/api/merges")).toStrictEqual([{ survivor: TWIN.id, duplicate: ACME.id }]);
    expect(onMerged).toHaveBeenCalledWith({ id: ACME.id, change: null }, ACME.id);
  });

  it("sends this entity as the survivor when it stays", async () => {
    const { fetchMock, onMerged, user } = setup();
    await pickFromSearch(user, "Duplicate company", "acme", TWIN.name);
    const stays = screen.getByRole("group", { name: "Which one stays?" });
    await user.click(within(stays).getByRole("radio", { name: "Acme Corporation" }));
    await user.click(within(stays).getByRole("radio", { name: "Acme Corp" }));
    await user.click(screen.getByRole("button", { name: "Merge" }));
    expect(sent(fetchMock, "POST", "/api/merges")).toStrictEqual([{ survivor: ACME.id, duplicate: TWIN.id }]);
    expect(onMerged).toHaveBeenCalledWith({ id: ACME.id, change: null }, TWIN.id);
  });

  it("shows the server's message when the merge fails", async () => {
    const { onMerged, user } = setup(() => answer(422, { error: "Only entities of the same type can be merged." }));
    await pickFromSearch(user, "Duplicate company", "acme", TWIN.name);
    await user.click(screen.getByRole("button", { name: "Merge" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Only entities of the same type can be merged.");
    expect(onMerged).not.toHaveBeenCalled();
  });
});

describe("Names holding markup stay text", SLOW, () => {
  const EVIL: GraphNode = { id: "company-evil", type: "Company", name: XSS, properties: { name: XSS } };

  it("in the relationship form", async () => {
    serve(undefined, [AGENCY, hit("agency-evil", "Agency", XSS)]);
    const user = userEvent.setup({ delay: null });
    render(<RelationshipForm anchor={EVIL} onSaved={() => {}} onCancel={() => {}} />);
    expect(screen.getByRole("heading", { name: `Add a relationship to ${XSS}` })).toBeInTheDocument();
    await pickFromSearch(user, "Other entity", "evil", XSS);
    expect(optionsOf(screen.getByLabelText("Direction"))).toEqual([`${XSS} → ${XSS}`, `${XSS} → ${XSS}`]);
    expect(document.querySelector("img")).toBeNull();
  });

  it("in the deletion preview", async () => {
    serveRequests(() =>
      answer(200, {
        entity: { id: EVIL.id, type: "Company", name: XSS },
        relationships: [{ id: "rel-1", type: "SUPPLIED", otherId: "agency-evil", otherName: XSS, outgoing: true }],
        citing: 1,
        uncited: [{ id: "rel-2", type: "SUPPLIED", label: XSS }],
      } satisfies DeletePreview),
    );
    render(<DeleteEntity entityId={EVIL.id} onDeleted={() => {}} onCancel={() => {}} />);
    expect(await screen.findByRole("heading", { name: `Delete “${XSS}”?` })).toBeInTheDocument();
    expect(screen.getByText(wholeText(`supplied ${XSS}`))).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Relationships left without a source" })).getByText(XSS)).toBeInTheDocument();
    expect(document.querySelector("img")).toBeNull();
  });

  it("in the merge form", async () => {
    serve(undefined, [hit("company-evil-2", "Company", `${XSS} 2`)]);
    const user = userEvent.setup({ delay: null });
    render(<MergeEntities entity={EVIL} onMerged={() => {}} onCancel={() => {}} />);
    expect(screen.getByRole("heading", { name: `Merge a duplicate of “${XSS}”` })).toBeInTheDocument();
    await pickFromSearch(user, "Duplicate company", "evil", `${XSS} 2`);
    expect(screen.getByRole("radio", { name: XSS })).toBeChecked();
    expect(screen.getByRole("radio", { name: `${XSS} 2` })).not.toBeChecked();
    expect(document.querySelector("img")).toBeNull();
  });
});
