/**
 * User text lands in a <bdi> (or, in plain strings, between FSI and PDI) wherever it sits beside the
 * app's words, so a right-to-left override in a name cannot reverse them. The visual order itself is
 * measured in Chromium (tests/e2e/bidi.spec.ts); here, the structure that gives it.
 */
import { render, screen, within } from "../support/render";
import { ContextMenu } from "@/components/explorer/ContextMenu";
import { ListView } from "@/components/explorer/ListView";
import { describePath } from "@/components/explorer/PathFinder";
import { PropertyList } from "@/components/panels/PropertyList";
import { RelationshipPanel } from "@/components/panels/RelationshipPanel";
import { SourceList } from "@/components/panels/SourceList";
import { UserText, UserTextList } from "@/components/ui/UserText";
import type { GraphData, GraphEdge, GraphNode } from "@/lib/graph/types";

const RLO = "\u202E";
const PDF = "\u202C";
const FSI = "\u2068";
const PDI = "\u2069";
/** A name that, unisolated, reverses what follows it; its stray PDI tries to close an isolate around it. */
const HOSTILE = `Evil${PDI} ${RLO}Corp`;
/** What the <bdi> holds: the stray PDI dropped, the override closed. */
const CONTAINED = `Evil ${RLO}Corp${PDF}`;

const EVIL: GraphNode = { id: "company-evil", type: "Company", name: HOSTILE, properties: { industry: HOSTILE } };
const ACME: GraphNode = { id: "company-acme", type: "Company", name: "Acme", properties: {} };
const REPORT = { id: "report-evil", name: HOSTILE, publisher: HOSTILE, url: "https://example.test/a", publishedAt: "2020-01-02" };
const EDGE: GraphEdge = { id: "rel-1", type: "SUPPLIED", source: EVIL.id, target: ACME.id, properties: { product: HOSTILE }, sources: [REPORT], quote: HOSTILE };

/** Every <bdi> in `root` holding the hostile name, contained. */
const isolatedNames = (root: HTMLElement) => [...root.querySelectorAll("bdi")].filter((element) => element.textContent === CONTAINED);

/** The text of `root` that is not inside any <bdi>: the app's own words. */
function appText(root: Element): string {
  let text = "";
  for (const node of root.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    else if (node instanceof Element && node.localName !== "bdi") text += appText(node);
  }
  return text;
}

describe("UserText", () => {
  it("renders the text in a <bdi>, its controls balanced", () => {
    const { container } = render(
      <p>
        Source: <UserText>{HOSTILE}</UserText> open link
      </p>,
    );
    const bdi = container.querySelector("bdi")!;
    expect(bdi.textContent).toBe(CONTAINED);
    expect(appText(container)).toBe("Source:  open link");
  });

  it("leaves plain text as it is, and lists isolate each item on its own", () => {
    const { container } = render(<UserTextList items={["Acme", HOSTILE, "שלום"]} />);
    expect([...container.querySelectorAll("bdi")].map((element) => element.textContent)).toEqual(["Acme", CONTAINED, "שלום"]);
    expect(container.textContent).toBe(`Acme, ${CONTAINED}, שלום`);
  });
});

describe("User text in the panels and lists is isolated", () => {
  it("a source: its name and publisher each in a <bdi>, and 'open link' outside them", () => {
    const { container } = render(<SourceList sources={[REPORT]} quote={HOSTILE} onOpenReport={() => {}} />);
    expect(isolatedNames(container)).toHaveLength(3); // quote, name, publisher
    const link = screen.getByRole("link", { name: "open link" });
    expect(link.closest("bdi")).toBeNull();
    // The publisher and the date are isolated one by one; the app's words are all that is left outside.
    expect(appText(screen.getByRole("listitem"))).toBe("Source:  (, ) open link");
  });

  it("a relationship panel: both ends, its fields and its sources", () => {
    const { container } = render(<RelationshipPanel edge={EDGE} from={EVIL} to={ACME} onShowEntity={() => {}} />);
    const heading = screen.getByRole("heading", { level: 2 });
    expect([...heading.querySelectorAll("bdi")].map((element) => element.textContent)).toEqual([CONTAINED, "Acme"]);
    expect(appText(heading)).toBe(" supplied ");
    expect(isolatedNames(container).length).toBeGreaterThanOrEqual(5); // from, product, quote, source, publisher
  });

  it("an entity's properties", () => {
    const { container } = render(<PropertyList node={EVIL} />);
    expect(isolatedNames(container)).toHaveLength(1);
  });

  it("the list view's entity and relationship rows", async () => {
    const graph: GraphData = { nodes: [EVIL, ACME], edges: [EDGE] };
    const { container } = render(<ListView graph={graph} hidden={new Set()} selectedId={null} onSelect={() => {}} />);
    expect(isolatedNames(within(screen.getByRole("table", { name: "Entities in view" })).getByRole("button", { name: /Evil/ }))).toHaveLength(1);
    screen.getByRole("tab", { name: /Relationships/ }).click();
    expect(isolatedNames(await screen.findByRole("table", { name: "Relationships in view" }))).toHaveLength(1);
    expect(container.querySelectorAll("bdi").length).toBeGreaterThan(0);
  });

  it("the context menu: its title in a <bdi>, its accessible name with the name between FSI and PDI", () => {
    render(<ContextMenu title={HOSTILE} point={{ x: 10, y: 10 }} actions={[{ label: "Expand neighbours", run: () => {} }]} onClose={() => {}} />);
    const menu = screen.getByRole("menu");
    expect(menu).toHaveAttribute("aria-label", `Actions for ${FSI}${CONTAINED}${PDI}`);
    expect(isolatedNames(menu)).toHaveLength(1);
  });

  it("a plain name gives the same accessible names as before", () => {
    render(<ContextMenu title="Acme" point={{ x: 10, y: 10 }} actions={[]} onClose={() => {}} />);
    expect(screen.getByRole("menu", { name: "Actions for Acme" })).toBeInTheDocument();
  });
});

describe("describePath", () => {
  it("gives the names and the app's arrows as separate parts, so each name can be isolated", () => {
    const path = { nodes: [EVIL.id, ACME.id], edges: [EDGE.id], length: 1 };
    const parts = describePath(path, { nodes: [EVIL, ACME], edges: [EDGE] });
    expect(parts).toEqual([
      { text: HOSTILE, user: true },
      { text: "→ supplied →", user: false },
      { text: "Acme", user: true },
    ]);
    // Read the other way round, the arrows point back.
    const back = describePath({ nodes: [ACME.id, EVIL.id], edges: [EDGE.id], length: 1 }, { nodes: [EVIL, ACME], edges: [EDGE] });
    expect(back.map((part) => part.text)).toEqual(["Acme", "← supplied ←", HOSTILE]);
  });
});
