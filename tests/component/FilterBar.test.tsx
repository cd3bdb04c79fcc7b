/**
 * The explorer's legend-and-filters bar, driven as a reader would: the data sets the view's nodes come
 * from, by name, each with its count, unticked to hide them; nothing about data sets when nothing in view
 * came from an import.
 */
import { useState } from "react";
import { render, screen } from "../support/render";
import userEvent from "@testing-library/user-event";
import { FilterBar } from "@/components/explorer/FilterBar";
import { NO_DATASET } from "@/lib/explore/view-state";
import { answer, serveRequests } from "../support/network";

const XSS = "<img src=x onerror=alert(1)>";

function Harness({ counts, onChange }: { counts: Record<string, number>; onChange: (hidden: string[]) => void }) {
  const [hidden, setHidden] = useState<string[]>([]);
  return (
    <FilterBar
      entityCounts={{}}
      relationshipCounts={{}}
      hiddenTypes={[]}
      hiddenRelationships={[]}
      onToggleType={() => {}}
      onToggleRelationship={() => {}}
      datasetCounts={counts}
      hiddenDatasets={hidden}
      onToggleDataset={(id) => {
        const next = hidden.includes(id) ? hidden.filter((item) => item !== id) : [...hidden, id];
        setHidden(next);
        onChange(next);
      }}
    />
  );
}

describe("FilterBar: data sets", () => {
  it("lists the view's data sets by name with counts, and unticking one hides it", async () => {
    // Only names are asked for: the full list's counts read the whole graph.
    serveRequests((url) =>
      url.pathname === "/api/datasets" && url.searchParams.get("fields") === "names"
        ? answer(200, { datasets: [{ id: "legis-graph-114", name: "US Congress" }, { id: "ftm-donations", name: XSS }] })
        : answer(404, { error: "not here" }),
    );
    const onChange = vi.fn();
    const user = userEvent.setup({ delay: null });
    render(<Harness counts={{ "legis-graph-114": 12, "ftm-donations": 3, [NO_DATASET]: 2 }} onChange={onChange} />);
    const congress = await screen.findByRole("checkbox", { name: /^Data set: US Congress\s?\(12\)$/ });
    // A data set's name is text, whatever it holds.
    expect(screen.getByRole("checkbox", { name: new RegExp(`^Data set: ${XSS.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s?\\(3\\)$`) })).toBeChecked();
    expect(document.querySelector("img")).toBeNull();
    expect(screen.getByRole("checkbox", { name: /^made by hand\s?\(2\)$/ })).toBeChecked();
    await user.click(congress);
    expect(congress).not.toBeChecked();
    expect(onChange).toHaveBeenLastCalledWith(["legis-graph-114"]);
    await user.click(screen.getByRole("checkbox", { name: /^made by hand\s?\(2\)$/ }));
    expect(onChange).toHaveBeenLastCalledWith(["legis-graph-114", NO_DATASET]);
  });

  it("says nothing about data sets when nothing in the view came from an import", () => {
    const fetchMock = serveRequests(() => answer(200, { datasets: [] }));
    render(<Harness counts={{ [NO_DATASET]: 4 }} onChange={() => {}} />);
    expect(screen.queryByRole("group", { name: "Data sets to show" })).not.toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
