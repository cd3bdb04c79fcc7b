/**
 * The Cypher editor's completion, in the real CodeMirror editor: property keys of relationships come from
 * the schema (GET /api/schema, served here at the HTTP level), the same read the /schema page shows, so a
 * key an importer wrote is offered as well as the registry's. Before the schema arrives (or when it
 * cannot be read) the registry's own keys are offered.
 */
import { currentCompletions, startCompletion } from "@codemirror/autocomplete";
import { EditorView } from "@codemirror/view";
import CypherInput from "@/components/queries/CypherInput";
import { schemaKeys } from "@/lib/client/keys/schema";
import { buildGraphSchema, type SchemaObservations } from "@/lib/schema/model";
import { answer, serveRequests } from "../support/network";
import { render, waitFor } from "../support/render";

/** A key the registry does not declare, which only the served schema can name. */
const OBSERVED_KEY = "filingReference";

const observations: SchemaObservations = {
  entities: {},
  relationships: {
    PAID: {
      count: 2,
      keys: [
        { key: "amount", count: 2, neo4jTypes: ["FLOAT NOT NULL"], examples: [100, 250.5], datasetIds: [] },
        { key: OBSERVED_KEY, count: 1, neo4jTypes: ["STRING NOT NULL"], examples: ["F-1"], datasetIds: [] },
      ],
    },
  },
  datasetNames: {},
};

/** jsdom lays nothing out; CodeMirror measures text ranges for the cursor and the completion popup. */
beforeAll(() => {
  const noRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
  Range.prototype.getClientRects ??= noRects;
  Range.prototype.getBoundingClientRect ??= () => new DOMRect();
});

function editorView(container: HTMLElement): EditorView {
  const element = container.querySelector<HTMLElement>(".cm-editor");
  const view = element ? EditorView.findFromDOM(element) : null;
  if (!view) throw new Error("no CodeMirror editor rendered");
  return view;
}

/** What completion offers with the cursor at the end of `text`, as Ctrl+Space would ask. */
async function offeredAt(view: EditorView, text: string): Promise<string[]> {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: text.length } });
  startCompletion(view);
  let labels: string[] = [];
  await waitFor(() => {
    labels = currentCompletions(view.state).map((option) => option.label);
    expect(labels.length).toBeGreaterThan(0);
  });
  return labels;
}

// CodeMirror in jsdom is slow on a busy machine; nothing here waits on a clock.
describe("completion in the Cypher editor", { timeout: 30_000 }, () => {
  it("completes a relationship's property keys from the schema, after [r:PAID]", async () => {
    serveRequests((url) => (url.pathname === "/api/schema" ? answer(200, buildGraphSchema(observations)) : answer(404, { error: "no" })));
    const { container, client } = render(<CypherInput value="" onChange={() => {}} parameterNames={[]} labelledBy="label" />);
    await waitFor(() => expect(client.getQueryData(schemaKeys.graph())).toBeDefined());
    const view = editorView(container);

    expect(await offeredAt(view, "MATCH (a)-[r:PAID]->(b) RETURN r.filing")).toContain(OBSERVED_KEY);
    expect(await offeredAt(view, "MATCH (a)-[r:PAID]->(b) RETURN r.am")).toContain("amount");
    expect(await offeredAt(view, "MATCH (l:Legislator)-[v:VOTED_ON]->(b) RETURN v.vo")).toContain("vote");
    expect(await offeredAt(view, "MATCH (a)-[r:P")).toEqual(expect.arrayContaining(["PAID", "PART_OF"]));
  });

  it("offers the registry's keys when the schema cannot be read", async () => {
    serveRequests(() => answer(401, { error: "Sign in to read the graph." }));
    const { container } = render(<CypherInput value="" onChange={() => {}} parameterNames={[]} labelledBy="label" />);
    const view = editorView(container);
    const offered = await offeredAt(view, "MATCH (a)-[r:PAID]->(b) RETURN r.cur");
    expect(offered).toContain("currency");
    expect(offered).not.toContain(OBSERVED_KEY);
  });
});
