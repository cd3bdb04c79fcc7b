import { render, screen, within } from "../support/render";
import { Legend } from "@/components/graph/Legend";
import { ENTITY_TYPES, ENTITY_TYPE_SPECS } from "@/lib/model/registry";

/** jsdom has no matchMedia; the legend asks it whether the screen is a phone's. */
function stubScreen(phone: boolean) {
  vi.stubGlobal(
    "matchMedia",
    vi.fn((query: string) => ({
      matches: phone,
      media: query,
      onchange: null,
      addEventListener: vi.fn(),
      removeEventListener: vi.fn(),
      addListener: vi.fn(),
      removeListener: vi.fn(),
      dispatchEvent: vi.fn(),
    })),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("Legend", () => {
  it("lists every entity type by its label, with the count of those on screen", () => {
    stubScreen(false);
    const { container } = render(<Legend counts={{ Company: 2, Event: 7 }} />);
    const items = within(container).getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual(
      ENTITY_TYPES.map((type) => {
        const count = type === "Company" ? "(2)" : type === "Event" ? "(7)" : "";
        return `${ENTITY_TYPE_SPECS[type].label}${count}`;
      }),
    );
    expect(screen.getByText("(2)")).toBeInTheDocument();
    expect(screen.getByText("(7)")).toBeInTheDocument();
  });

  it("draws each type's swatch in its registry colour", () => {
    stubScreen(false);
    const { container } = render(<Legend counts={{}} />);
    const fills = [...container.querySelectorAll("li svg path")].map((path) => path.getAttribute("fill"));
    expect(fills).toEqual(ENTITY_TYPES.map((type) => ENTITY_TYPE_SPECS[type].color));
  });

  it("starts open on a wide screen and folded on a phone", () => {
    stubScreen(false);
    const { container, unmount } = render(<Legend counts={{}} />);
    expect(container.querySelector("details")).toHaveAttribute("open");
    unmount();
    stubScreen(true);
    const phone = render(<Legend counts={{}} />);
    expect(phone.container.querySelector("details")).not.toHaveAttribute("open");
  });
});
