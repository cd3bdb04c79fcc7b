import { fireEvent, render, screen, waitFor } from "../support/render";
import userEvent from "@testing-library/user-event";
import { SearchBox } from "@/components/search/SearchBox";
import type { SearchHit } from "@/lib/graph/types";
import { answer, serveNetworkError, serveRequests } from "../support/network";

const HITS: SearchHit[] = [
  { id: "company-thermo-fisher", type: "Company", name: "Thermo Fisher Scientific Inc.", description: null, context: [], datasets: [], score: 9 },
  { id: "report-thermo-statement", type: "Report", name: "Thermo Fisher statement on Xinjiang", description: null, context: [], datasets: [], score: 5 },
];

function setup() {
  const onPick = vi.fn<(hit: SearchHit) => void>();
  const user = userEvent.setup();
  render(<SearchBox onPick={onPick} />);
  const input = screen.getByRole("combobox", { name: "Search entities" });
  return { onPick, user, input };
}

describe("SearchBox", () => {
  it("asks /api/search once the user stops typing and lists the hits as options", async () => {
    const fetchMock = serveRequests(() => answer(200, { results: HITS }));
    const { user, input } = setup();

    await user.type(input, "thermo");

    const options = await screen.findAllByRole("option");
    expect(options.map((option) => option.textContent)).toEqual([
      "Thermo Fisher Scientific Inc.Company",
      "Thermo Fisher statement on XinjiangReport or article",
    ]);
    expect(screen.getByRole("listbox", { name: "Search results" })).toBeInTheDocument();
    expect(input).toHaveAttribute("aria-expanded", "true");
    // Debounced: one request for the whole word, not one per keystroke.
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const url = new URL(String(fetchMock.mock.calls[0]?.[0]), "http://localhost");
    expect(url.pathname).toBe("/api/search");
    expect(url.searchParams.get("q")).toBe("thermo");
    expect(url.searchParams.get("limit")).toBe("10");
  });

  it("marks the first option active, moves with ArrowDown and picks with Enter", async () => {
    serveRequests(() => answer(200, { results: HITS }));
    const { user, input, onPick } = setup();
    await user.type(input, "thermo");
    const options = await screen.findAllByRole("option");
    expect(options[0]).toHaveAttribute("aria-selected", "true");
    expect(input).toHaveAttribute("aria-activedescendant", options[0]?.id);

    await user.keyboard("{ArrowDown}");
    expect(options[1]).toHaveAttribute("aria-selected", "true");
    expect(input).toHaveAttribute("aria-activedescendant", options[1]?.id);
    await user.keyboard("{ArrowDown}"); // stays on the last option
    expect(options[1]).toHaveAttribute("aria-selected", "true");

    await user.keyboard("{Enter}");
    expect(onPick).toHaveBeenCalledTimes(1);
    expect(onPick).toHaveBeenCalledWith(HITS[1]);
    expect(input).toHaveValue("");
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
  });

  it("goes back up with ArrowUp and picks the first hit with Enter", async () => {
    serveRequests(() => answer(200, { results: HITS }));
    const { user, input, onPick } = setup();
    await user.type(input, "thermo");
    await screen.findAllByRole("option");
    await user.keyboard("{ArrowDown}{ArrowUp}{Enter}");
    expect(onPick).toHaveBeenCalledWith(HITS[0]);
  });

  it("stays open for typing that starts right after leaving the field and coming back", async () => {
    serveRequests(() => answer(200, { results: HITS }));
    const { input } = setup();
    // Leaving the field schedules its list to close (late enough for a click on an option to land);
    // coming straight back and typing must cancel that, or the answer arrives to a closed list.
    fireEvent.focus(input);
    fireEvent.blur(input);
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: "thermo" } });
    // The answer comes after the debounce, which is longer than the pending close would have waited.
    expect(await screen.findAllByRole("option")).toHaveLength(HITS.length);
    expect(input).toHaveAttribute("aria-expanded", "true");
  });

  it("shows the answer when the field gets a focus event again before it arrives (the window regaining focus)", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    serveRequests(async () => {
      await held;
      return answer(200, { results: HITS });
    });
    const { user, input } = setup();
    await user.type(input, "thermo");
    // What a browser does when its window comes back to the front: the focused field hears "focus" again.
    fireEvent.focus(input);
    release();
    expect(await screen.findAllByRole("option")).toHaveLength(HITS.length);
    expect(input).toHaveAttribute("aria-expanded", "true");
  });

  it("picks a hit with the mouse", async () => {
    serveRequests(() => answer(200, { results: HITS }));
    const { user, input, onPick } = setup();
    await user.type(input, "thermo");
    await user.click(await screen.findByRole("option", { name: /statement on Xinjiang/ }));
    expect(onPick).toHaveBeenCalledWith(HITS[1]);
  });

  it("closes the list with Escape and then Enter picks nothing", async () => {
    serveRequests(() => answer(200, { results: HITS }));
    const { user, input, onPick } = setup();
    await user.type(input, "thermo");
    await screen.findAllByRole("option");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
    await user.keyboard("{Enter}");
    expect(onPick).not.toHaveBeenCalled();
  });

  it("says so when nothing is found", async () => {
    serveRequests(() => answer(200, { results: [] }));
    const { user, input, onPick } = setup();
    await user.type(input, "zzzz");
    expect(await screen.findByText("Nothing found for “zzzz”.")).toBeInTheDocument();
    expect(screen.queryAllByRole("option")).toHaveLength(0);
    await user.keyboard("{Enter}");
    expect(onPick).not.toHaveBeenCalled();
  });

  it("shows the server's message when the search is refused", async () => {
    serveRequests(() => answer(400, { error: "Search text needs at least one letter or digit." }));
    const { user, input } = setup();
    await user.type(input, "**");
    expect(await screen.findByText("Search text needs at least one letter or digit.")).toBeInTheDocument();
    expect(screen.queryAllByRole("option")).toHaveLength(0);
  });

  it("shows a connection message when the server cannot be reached", async () => {
    serveNetworkError();
    const { user, input } = setup();
    await user.type(input, "thermo");
    expect(await screen.findByText(/server cannot be reached/)).toBeInTheDocument();
  });

  it("renders markup in a hit's name as text", async () => {
    const evil = "<img src=x onerror=alert(1)>";
    serveRequests(() => answer(200, { results: [{ id: "person-evil", type: "Person", name: evil, description: evil, context: [], datasets: [], score: 1 }] }));
    const { user, input } = setup();
    await user.type(input, "evil");
    const option = await screen.findByRole("option");
    expect(option).toHaveTextContent(evil);
    expect(document.body.querySelector("img")).toBeNull();
  });

  it("does not ask the server for blank text", async () => {
    const fetchMock = serveRequests(() => answer(200, { results: HITS }));
    // Fake timers instead of waiting out the debounce: a search starts as a debounce timer, so with the
    // clock in the test's hands "no timer is set" means no request can follow, and running every timer
    // shows it. Only the timer functions are faked (React and MSW keep their own scheduling), and the text
    // is entered with fireEvent, since user-event's async steps wait on real timers.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      render(<SearchBox onPick={vi.fn()} />);
      const input = screen.getByRole("combobox", { name: "Search entities" });
      fireEvent.change(input, { target: { value: "   " } });
      expect(vi.getTimerCount()).toBe(0);
      await vi.runAllTimersAsync();
      expect(fetchMock).not.toHaveBeenCalled();
      expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
      // The same step with a letter does set the timer and send the search: the checks above can fail.
      fireEvent.change(input, { target: { value: "   x" } });
      expect(vi.getTimerCount()).toBe(1);
      await vi.runAllTimersAsync();
    } finally {
      vi.useRealTimers();
    }
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(new URL(String(fetchMock.mock.calls[0]?.[0]), "http://localhost").searchParams.get("q")).toBe("x");
  });

  it("does not pick a hit of older text when Enter comes before the new answer", async () => {
    serveRequests((url) =>
      answer(200, { results: url.searchParams.get("q") === "thermo" ? HITS : [{ ...HITS[1]!, id: "report-other", name: "Thermo statement" }] }),
    );
    const { user, input, onPick } = setup();
    await user.type(input, "thermo");
    await screen.findAllByRole("option");
    // Type on and press Enter at once: the list on screen still answers "thermo".
    await user.type(input, " s{Enter}");
    expect(onPick).not.toHaveBeenCalled();
    await screen.findByRole("option", { name: /Thermo statement/ });
    await user.keyboard("{Enter}");
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ id: "report-other" }));
  });

  it("shows each hit's context and data sets, so two namesakes look different", async () => {
    const namesakes: SearchHit[] = [
      { id: "legislator-a", type: "Legislator", name: "Jared Sanders", description: null, context: ["Democrat", "NY"], datasets: ["legis-graph-114"], score: 3 },
      { id: "legislator-b", type: "Legislator", name: "Jared Sanders", description: null, context: ["Republican", "OH"], datasets: [], score: 2 },
    ];
    serveRequests(() => answer(200, { results: namesakes }));
    const { user, input } = setup();
    await user.type(input, "jared sanders");
    const options = await screen.findAllByRole("option");
    expect(options.map((option) => option.textContent)).toEqual([
      "Jared SandersDemocrat · NY · data sets: legis-graph-114Legislator",
      "Jared SandersRepublican · OHLegislator",
    ]);
    expect(options[0]?.textContent).not.toBe(options[1]?.textContent);
  });
});
