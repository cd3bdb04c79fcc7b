/**
 * The entity form, driven as an editor would: the Type select shows exactly that type's registry fields;
 * Create sends POST /api/entities with only what was filled in (name trimmed, aliases one per line), and the
 * links made with the new entity offer only the relationship types the registry allows, citing a picked or
 * a new report; editing starts from the stored values and sends PATCH with the updatedAt it loaded. The
 * server's field problems show next to their field, its conflicts as an alert; names are text, never markup.
 * RelationshipForm, DeleteEntity and MergeEntities: EditingForms.relationships.test.tsx.
 */
import { render, screen, waitFor, within } from "../support/render";
import userEvent from "@testing-library/user-event";
import { EntityForm } from "@/components/editing/EntityForm";
import type { EditResult } from "@/lib/editing/edits";
import type { GraphNode, SearchHit } from "@/lib/graph/types";
import { ENTITY_TYPES, ENTITY_TYPE_SPECS } from "@/lib/model/registry";
import { answer, serveRequests } from "../support/network";

const XSS = `<img src=x onerror=alert(1)>`;
const hit = (id: string, type: SearchHit["type"], name: string): SearchHit => ({ id, type, name, description: null, context: [], datasets: [], score: 1 });
const ACME = hit("company-acme", "Company", "Acme Corp");
const RAID = hit("event-raid", "Event", "Dawn raid");
const AUDIT = hit("report-audit", "Report", "Audit of Acme");
// Every pick waits out the search box's debounce; a busy machine needs more than the default five seconds.
const SLOW = { timeout: 20_000 };
const CREATED: EditResult = { id: "event-new", change: null };

type Call = [string, RequestInit | undefined];

/** The API as these forms see it: search (by `type`), and one answer for the write under test. */
function serve(write: () => Response = () => answer(201, CREATED), entities: SearchHit[] = [ACME, RAID, AUDIT]) {
  return serveRequests((url) => {
    if (url.pathname === "/api/search") {
      const type = url.searchParams.get("type");
      return answer(200, { results: entities.filter((entity) => !type || entity.type === type) });
    }
    // The duplicate warning's read (components/resolution): nothing similar, unless a test says otherwise.
    if (url.pathname === "/api/resolution/similar") return answer(200, { similar: [] });
    return write();
  });
}

/** The JSON bodies sent with this method to this path. */
function sent(fetchMock: ReturnType<typeof serveRequests>, method: string, path: string): unknown[] {
  return (fetchMock.mock.calls as unknown as Call[])
    .filter(([input, init]) => String(input) === path && (init?.method ?? "GET") === method)
    .map(([, init]) => JSON.parse(String(init?.body)) as unknown);
}

/** Requests other than the duplicate warning's reads, which come as a name is typed. */
const callsBesidesSimilar = (fetchMock: ReturnType<typeof serveRequests>) =>
  (fetchMock.mock.calls as unknown as Call[]).filter(([input]) => !String(input).startsWith("/api/resolution/similar")).length;

const writes = (fetchMock: ReturnType<typeof serveRequests>) =>
  (fetchMock.mock.calls as unknown as Call[]).filter(([, init]) => (init?.method ?? "GET") !== "GET").length;

const searches = (fetchMock: ReturnType<typeof serveRequests>) =>
  (fetchMock.mock.calls as unknown as Call[]).map(([input]) => new URL(String(input), "http://localhost")).filter((url) => url.pathname === "/api/search");

function setup(entity?: GraphNode) {
  const onSaved = vi.fn<(result: EditResult, linked: string[]) => void>();
  const onCancel = vi.fn();
  const user = userEvent.setup({ delay: null });
  render(<EntityForm entity={entity} onSaved={onSaved} onCancel={onCancel} />);
  const form = screen.getByRole("form", { name: entity ? `Edit ${entity.name}` : "New entity" });
  return { user, onSaved, onCancel, form };
}

/** Every label in the form, as its text: the fields shown. */
const labels = (form: HTMLElement) => [...form.querySelectorAll("label")].map((label) => label.textContent);
const name = () => screen.getByRole("textbox", { name: /^Name ?\*$/ });
const aliases = () => screen.getByRole("textbox", { name: "Also known as (one per line)" });
const optionsOf = (select: HTMLElement) => within(select).getAllByRole("option").map((option) => option.textContent);

async function pickFromSearch(user: ReturnType<typeof userEvent.setup>, label: string, text: string, option: string) {
  await user.type(screen.getByRole("combobox", { name: label }), text);
  await user.click(await screen.findByRole("option", { name: new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }));
}

describe("EntityForm: warnings where duplicates are made", SLOW, () => {
  const THERMO = { id: "company-thermo-fisher", name: "Thermo Fisher Scientific Inc.", type: "Company", score: 0.95, reasons: ["same name once 'Inc.' is removed"] };

  function serveSimilar(similar: unknown[]) {
    return serveRequests((url) => {
      if (url.pathname === "/api/resolution/similar") return answer(200, { similar: url.searchParams.get("name")?.startsWith("Thermo") ? similar : [] });
      return answer(201, CREATED);
    });
  }

  it("shows the similar entity before saving, refuses a plain Create, and creates with Create anyway", async () => {
    const fetchMock = serveSimilar([THERMO]);
    const { user, onSaved } = setup();
    await user.selectOptions(screen.getByRole("combobox", { name: "Type" }), "Company");
    await user.type(name(), "Thermo Fisher Scientific");
    const warning = await screen.findByRole("status", { name: "Similar entities" });
    expect(warning).toHaveTextContent("Thermo Fisher Scientific Inc. already exists — open it, or create anyway.");
    expect(within(warning).getByRole("link", { name: "Thermo Fisher Scientific Inc." })).toHaveAttribute("href", "/?nodes=company-thermo-fisher&selected=company-thermo-fisher");
    const asked = (fetchMock.mock.calls as unknown as Call[]).map(([input]) => new URL(String(input), "http://localhost")).find((url) => url.pathname === "/api/resolution/similar");
    expect(asked?.searchParams.get("type")).toBe("Company");

    await user.click(screen.getByRole("button", { name: "Create" }));
    expect(screen.getByRole("alert")).toHaveTextContent("open one of them, or choose Create anyway");
    expect(writes(fetchMock)).toBe(0);

    await user.click(within(warning).getByRole("button", { name: "Create anyway" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(sent(fetchMock, "POST", "/api/entities")).toHaveLength(1);
  });

  it("creates at once when nothing similar exists", async () => {
    const fetchMock = serveSimilar([THERMO]);
    const { user, onSaved } = setup();
    await user.type(name(), "Entirely new hearing");
    await user.click(screen.getByRole("button", { name: "Create" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole("status", { name: "Similar entities" })).not.toBeInTheDocument();
    expect(sent(fetchMock, "POST", "/api/entities")).toHaveLength(1);
  });
});

describe("EntityForm: a new entity", SLOW, () => {
  it("shows exactly the chosen type's registry fields", async () => {
    serve();
    const { user, form } = setup();
    const type = screen.getByRole("combobox", { name: "Type" });
    expect(type).toHaveValue("Event");
    expect(optionsOf(type)).toEqual(ENTITY_TYPES.map((option) => ENTITY_TYPE_SPECS[option].label));
    const common = ["Type", "Name *", "Also known as (one per line)", "Description"];

    await user.selectOptions(type, "Legislator");
    expect(labels(form)).toEqual([...common, "Party", "State", "Chamber", "Sitting now", "Born", "Link to…"]);
    const chamber = screen.getByRole("combobox", { name: "Chamber" });
    expect(optionsOf(chamber)).toEqual(["—", "senate", "house"]);
    expect(chamber).toHaveValue("");

    await user.selectOptions(type, "Report");
    expect(labels(form)).toEqual([...common, "Publisher", "Link", "Published", "Kind", "Link to…"]);
    expect(screen.getByLabelText("Link")).toHaveAttribute("type", "url");
    expect(screen.getByLabelText("Published")).toHaveAttribute("type", "date");
    expect(screen.queryByLabelText("Party")).not.toBeInTheDocument();

    for (const option of ENTITY_TYPES) {
      await user.selectOptions(type, option);
      expect(labels(form)).toEqual([...common, ...ENTITY_TYPE_SPECS[option].fields.map((field) => field.label), "Link to…"]);
    }
  });

  it("creates with the type, the trimmed name, one alias per line and only the fields filled in", async () => {
    const fetchMock = serve(() => answer(201, { id: "legislator-jane-doe", change: null }));
    const { user, onSaved } = setup();
    await user.selectOptions(screen.getByRole("combobox", { name: "Type" }), "Company");
    await user.type(screen.getByRole("textbox", { name: "Industry" }), "biotech"); // not a Legislator's field
    await user.selectOptions(screen.getByRole("combobox", { name: "Type" }), "Legislator");
    await user.type(name(), "  Jane Doe  ");
    await user.type(aliases(), "J. Doe{Enter}{Enter}  Janie {Enter}");
    await user.type(screen.getByRole("textbox", { name: "Party" }), " Independent ");
    await user.type(screen.getByRole("textbox", { name: "State" }), "   ");
    await user.selectOptions(screen.getByRole("combobox", { name: "Chamber" }), "senate");
    await user.click(screen.getByRole("button", { name: "Create" }));

    expect(onSaved).toHaveBeenCalledWith({ id: "legislator-jane-doe", change: null }, []);
    expect(sent(fetchMock, "POST", "/api/entities")).toStrictEqual([
      { entity: { type: "Legislator", name: "Jane Doe", aliases: ["J. Doe", "Janie"], party: "Independent", chamber: "senate" }, links: [] },
    ]);
  });

  it("asks for a name without sending anything", async () => {
    const fetchMock = serve();
    const { user, onSaved } = setup();
    await user.type(name(), "   ");
    await user.click(screen.getByRole("button", { name: "Create" }));
    expect(within(name().parentElement!).getByRole("alert")).toHaveTextContent("A name is needed.");
    expect(fetchMock).not.toHaveBeenCalled();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("links to a found entity with only the relationship types the registry allows, both ways round", async () => {
    serve();
    const { user } = setup(); // a new Event
    await pickFromSearch(user, "Link to…", "acme", "Acme Corp");
    const link = screen.getByRole("group", { name: "Link to Acme Corp" });
    const direction = within(link).getByLabelText("Direction");
    const relationship = within(link).getByLabelText("Relationship");
    expect(optionsOf(direction)).toEqual(["from the new entity to Acme Corp", "from Acme Corp to the new entity"]);
    // Event -> Company: only CONCERNS; Company -> Event: ACTED_IN or TARGET_OF (with a role).
    expect(direction).toHaveValue("out");
    expect(optionsOf(relationship)).toEqual(["concerns"]);
    expect(within(link).queryByLabelText("Role (optional)")).not.toBeInTheDocument();
    await user.selectOptions(direction, "in");
    expect(optionsOf(relationship)).toEqual(["acted in", "target of"]);
    expect(relationship).toHaveValue("ACTED_IN");
    expect(within(link).getByLabelText("Role (optional)")).toBeInTheDocument();

    // Another type, another pair: Person -> Company may be paid, owner of, director of; Company -> Person only paid.
    await user.selectOptions(screen.getByRole("combobox", { name: "Type" }), "Person");
    expect(screen.queryByRole("group", { name: "Link to Acme Corp" })).not.toBeInTheDocument(); // links reset with the type
    await pickFromSearch(user, "Link to…", "acme", "Acme Corp");
    const again = screen.getByRole("group", { name: "Link to Acme Corp" });
    expect(optionsOf(within(again).getByLabelText("Relationship"))).toEqual(["paid", "owner of", "director of"]);
    await user.selectOptions(within(again).getByLabelText("Direction"), "in");
    expect(optionsOf(within(again).getByLabelText("Relationship"))).toEqual(["paid"]);

    await user.click(within(again).getByRole("button", { name: "Remove link" }));
    expect(screen.queryByRole("group", { name: "Link to Acme Corp" })).not.toBeInTheDocument();
  });

  it("refuses links without a source, and sends nothing; each refusal replaces the last", async () => {
    const fetchMock = serve();
    const { user, onSaved } = setup();
    await pickFromSearch(user, "Link to…", "acme", "Acme Corp");
    const before = callsBesidesSimilar(fetchMock);
    await user.click(screen.getByRole("button", { name: "Create" }));
    expect(screen.getByRole("alert")).toHaveTextContent("A name is needed.");
    await user.type(name(), "Contract award");
    await user.click(screen.getByRole("button", { name: "Create" }));
    // getByRole: the only alert, so the name's (now given) is gone.
    expect(screen.getByRole("alert")).toHaveTextContent("Links need at least one source: pick a report or describe a new one.");
    await user.clear(name());
    await user.click(screen.getByRole("button", { name: "Create" }));
    expect(screen.getByRole("alert")).toHaveTextContent("A name is needed.");
    expect(callsBesidesSimilar(fetchMock)).toBe(before);
    expect(writes(fetchMock)).toBe(0);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("creates linked entities citing a report found by a Report-only search, with the quote", async () => {
    const fetchMock = serve();
    const { user, onSaved } = setup();
    await user.type(name(), " Contract award ");
    await user.type(screen.getByLabelText("Date"), "2024-03-01");
    await pickFromSearch(user, "Link to…", "acme", "Acme Corp");
    const link = screen.getByRole("group", { name: "Link to Acme Corp" });
    await user.selectOptions(within(link).getByLabelText("Direction"), "in");
    await user.selectOptions(within(link).getByLabelText("Relationship"), "target of");
    await user.type(within(link).getByLabelText("Role (optional)"), " bidder ");
    await pickFromSearch(user, "Link to…", "raid", "Dawn raid"); // Event -> Event: concerns

    await pickFromSearch(user, "Find a report", "audit", "Audit of Acme");
    const reportSearch = searches(fetchMock).at(-1)!;
    expect(reportSearch.searchParams.get("q")).toBe("audit");
    expect(reportSearch.searchParams.get("type")).toBe("Report");
    expect(within(screen.getByRole("list", { name: "Chosen sources" })).getByText("Audit of Acme")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Quote (optional)"), "  Acme was among the bidders.  ");
    await user.click(screen.getByRole("button", { name: "Create" }));

    expect(sent(fetchMock, "POST", "/api/entities")).toStrictEqual([
      {
        entity: { type: "Event", name: "Contract award", aliases: [], date: "2024-03-01" },
        links: [
          { type: "TARGET_OF", other: "company-acme", direction: "in", properties: { role: "bidder" } },
          { type: "CONCERNS", other: "event-raid", direction: "out", properties: {} },
        ],
        sources: ["report-audit"],
        quote: "Acme was among the bidders.",
      },
    ]);
    expect(onSaved).toHaveBeenCalledWith(CREATED, ["company-acme", "event-raid"]);
  });

  it("creates a linked entity citing a new report", async () => {
    const fetchMock = serve();
    const { user } = setup();
    await user.type(name(), "Contract award");
    await pickFromSearch(user, "Link to…", "acme", "Acme Corp");
    await user.click(screen.getByRole("button", { name: "Cite a new report…" }));
    const report = screen.getByRole("group", { name: "New report" });
    await user.type(within(report).getByLabelText("Title"), " Tender results ");
    await user.type(within(report).getByLabelText("Link"), "https://news.example/tender");
    await user.type(within(report).getByLabelText("Published"), "2024-03-02");
    await user.click(screen.getByRole("button", { name: "Create" }));

    expect(sent(fetchMock, "POST", "/api/entities")).toStrictEqual([
      {
        entity: { type: "Event", name: "Contract award", aliases: [] },
        links: [{ type: "CONCERNS", other: "company-acme", direction: "out", properties: {} }],
        sources: [],
        newSource: { name: "Tender results", url: "https://news.example/tender", publishedAt: "2024-03-02" },
      },
    ]);
  });

  it("shows the server's field problem next to its field", async () => {
    const message = "must be an http(s) address";
    serve(() => answer(400, { error: `Invalid entity: website: ${message}`, details: [{ path: "website", message }] }));
    const { user, onSaved } = setup();
    await user.selectOptions(screen.getByRole("combobox", { name: "Type" }), "Company");
    await user.type(name(), "Acme Corp");
    const website = screen.getByRole("textbox", { name: "Website" });
    await user.type(website, "ftp://acme.example");
    await user.click(screen.getByRole("button", { name: "Create" }));

    expect(await within(website.parentElement!).findByRole("alert")).toHaveTextContent(message);
    expect(within(name().parentElement!).queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByText(`Invalid entity: website: ${message}`)).toHaveAttribute("role", "alert");
    expect(screen.getByRole("button", { name: "Create" })).toBeEnabled();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("keeps a new source's problems away from the entity's fields of the same name, and shows an alias's by the aliases", async () => {
    serve(() =>
      answer(400, {
        error: "Invalid body: newSource.url: must be an http(s) address; aliases.0: Too big",
        details: [
          { path: "newSource.url", message: "must be an http(s) address" },
          { path: "newSource.name", message: "Too long" },
          { path: "aliases.0", message: "Too big: expected string to have <=300 characters" },
        ],
      }),
    );
    const { user } = setup();
    await user.selectOptions(screen.getByRole("combobox", { name: "Type" }), "Report");
    await user.type(name(), "Follow-up");
    await user.click(aliases());
    await user.paste("x".repeat(301));
    await pickFromSearch(user, "Link to…", "raid", "Dawn raid"); // Report -> Event: documents
    await user.click(screen.getByRole("button", { name: "Cite a new report…" }));
    const report = screen.getByRole("group", { name: "New report" });
    await user.type(within(report).getByLabelText("Title"), "Original story");
    await user.type(within(report).getByLabelText("Link"), "ftp://news.example/story");
    await user.click(screen.getByRole("button", { name: "Create" }));

    expect(await within(aliases().parentElement!).findByRole("alert")).toHaveTextContent("Too big");
    // The new report's link is not the new Report entity's own Link field.
    const entityLink = screen.getAllByLabelText("Link").find((input) => !report.contains(input))!;
    expect(within(entityLink.parentElement!).queryByRole("alert")).not.toBeInTheDocument();
    expect(within(name().parentElement!).queryByRole("alert")).not.toBeInTheDocument();
  });
});

describe("EntityForm: editing", SLOW, () => {
  const STORED: GraphNode = {
    id: "company-acme",
    type: "Company",
    name: "Acme Corp",
    properties: {
      name: "Acme Corp",
      aliases: ["Acme", "ACME Inc."],
      industry: "biotech",
      website: "https://acme.example",
      createdAt: "2024-05-01T10:00:00.000Z",
      updatedAt: "2024-05-02T11:00:00.000Z",
    },
  };

  it("starts with the stored values and sends PATCH with the updatedAt it loaded", async () => {
    const fetchMock = serve(() => answer(200, { id: STORED.id, change: null }));
    const { user, onSaved, form } = setup(STORED);
    expect(screen.getByRole("heading", { name: "Edit company" })).toBeInTheDocument();
    expect(screen.queryByRole("combobox", { name: "Type" })).not.toBeInTheDocument();
    expect(screen.queryByRole("combobox", { name: "Link to…" })).not.toBeInTheDocument();
    expect(labels(form)).toEqual(["Name *", "Also known as (one per line)", "Description", "Industry", "Website", "Country"]);
    expect(name()).toHaveValue("Acme Corp");
    expect(aliases()).toHaveValue("Acme\nACME Inc.");
    expect(screen.getByRole("textbox", { name: "Industry" })).toHaveValue("biotech");

    await user.clear(screen.getByRole("textbox", { name: "Industry" }));
    await user.type(screen.getByRole("textbox", { name: "Industry" }), "diagnostics");
    await user.clear(screen.getByRole("textbox", { name: "Website" }));
    await user.type(aliases(), "{Enter}Acme Diagnostics");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    expect(sent(fetchMock, "PATCH", "/api/entities/company-acme")).toStrictEqual([
      {
        entity: { type: "Company", name: "Acme Corp", aliases: ["Acme", "ACME Inc.", "Acme Diagnostics"], industry: "diagnostics" },
        updatedAt: "2024-05-02T11:00:00.000Z",
      },
    ]);
    expect(onSaved).toHaveBeenCalledWith({ id: STORED.id, change: null }, []);
  });

  it("sends a null updatedAt for an entity that has none", async () => {
    const fetchMock = serve(() => answer(200, { id: "person-x", change: null }));
    const { user } = setup({ id: "person-x", type: "Person", name: "X", properties: { name: "X" } });
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(sent(fetchMock, "PATCH", "/api/entities/person-x")).toStrictEqual([{ entity: { type: "Person", name: "X", aliases: [] }, updatedAt: null }]);
  });

  it("shows the server's message on a conflict", async () => {
    const message = "“Acme Corp” was changed by someone else since you opened it. Reload it and edit again.";
    serve(() => answer(409, { error: message }));
    const { user, onSaved } = setup(STORED);
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(onSaved).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Save changes" })).toBeEnabled();
  });
});

describe("EntityForm: names are text", SLOW, () => {
  it("renders a stored or found name holding markup as literal text", async () => {
    serve(undefined, [hit("company-evil", "Company", XSS)]);
    const { user } = setup();
    await pickFromSearch(user, "Link to…", "evil", XSS);
    const link = screen.getByRole("group", { name: `Link to ${XSS}` });
    expect(within(link).getByText(XSS)).toBeInTheDocument();
    expect(optionsOf(within(link).getByLabelText("Direction"))).toEqual([`from the new entity to ${XSS}`, `from ${XSS} to the new entity`]);
    expect(document.querySelector("img")).toBeNull();
  });

  it("edits an entity named with markup without rendering it", () => {
    serve();
    const { form } = setup({ id: "company-evil", type: "Company", name: XSS, properties: { name: XSS, aliases: [XSS] } });
    expect(form).toHaveAccessibleName(`Edit ${XSS}`);
    expect(name()).toHaveValue(XSS);
    expect(aliases()).toHaveValue(XSS);
    expect(document.querySelector("img")).toBeNull();
  });
});
