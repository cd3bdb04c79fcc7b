/**
 * components/ui/Menu: the WAI-ARIA menu button. Opening moves focus into the menu, arrows (wrapping),
 * Home and End move between items, Enter chooses, Escape closes; both give focus back to the button.
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MenuButton, MenuList } from "@/components/ui/Menu";

const LABELS = ["PNG image", "SVG image", "CSV of nodes"];

function renderMenu() {
  const chosen: string[] = [];
  const user = userEvent.setup();
  render(
    <>
      <MenuButton menuLabel="Export as" items={LABELS.map((label) => ({ label, onSelect: () => chosen.push(label) }))}>
        Export
      </MenuButton>
      <button type="button">Elsewhere</button>
    </>,
  );
  return { user, chosen, button: screen.getByRole("button", { name: "Export" }) };
}

const item = (name: string) => screen.getByRole("menuitem", { name });

describe("MenuButton", () => {
  it("says it opens a menu, and opens on a click with focus on the first item", async () => {
    const { user, button } = renderMenu();
    expect(button).toHaveAttribute("aria-haspopup", "menu");
    expect(button).toHaveAttribute("aria-expanded", "false");
    await user.click(button);
    expect(button).toHaveAttribute("aria-expanded", "true");
    const menu = screen.getByRole("menu", { name: "Export as" });
    expect(button).toHaveAttribute("aria-controls", menu.id);
    expect(screen.getAllByRole("menuitem").map((entry) => entry.textContent)).toEqual(LABELS);
    expect(item(LABELS[0]!)).toHaveFocus();
  });

  it("moves with the arrow keys, wrapping at both ends, and Home and End", async () => {
    const { user, button } = renderMenu();
    await user.click(button);
    await user.keyboard("{ArrowDown}");
    expect(item(LABELS[1]!)).toHaveFocus();
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(item(LABELS[0]!)).toHaveFocus();
    await user.keyboard("{ArrowUp}");
    expect(item(LABELS[2]!)).toHaveFocus();
    await user.keyboard("{Home}");
    expect(item(LABELS[0]!)).toHaveFocus();
    await user.keyboard("{End}");
    expect(item(LABELS[2]!)).toHaveFocus();
  });

  it("opens from the keyboard: ArrowDown on the first item, ArrowUp on the last, Enter on the first", async () => {
    const { user, button } = renderMenu();
    button.focus();
    await user.keyboard("{ArrowUp}");
    expect(item(LABELS[2]!)).toHaveFocus();
    await user.keyboard("{Escape}");
    await user.keyboard("{ArrowDown}");
    expect(item(LABELS[0]!)).toHaveFocus();
    await user.keyboard("{Escape}");
    await user.keyboard("{Enter}");
    expect(item(LABELS[0]!)).toHaveFocus();
  });

  it("chooses with Enter: runs the item, closes, and gives focus back to the button", async () => {
    const { user, button, chosen } = renderMenu();
    await user.click(button);
    await user.keyboard("{ArrowDown}{Enter}");
    expect(chosen).toEqual([LABELS[1]]);
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(button).toHaveAttribute("aria-expanded", "false");
  });

  it("closes on Escape without choosing, focus back on the button", async () => {
    const { user, button, chosen } = renderMenu();
    await user.click(button);
    await user.keyboard("{ArrowDown}{Escape}");
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(chosen).toEqual([]);
  });

  it("closes on a click outside, and on Tab", async () => {
    const { user, button } = renderMenu();
    await user.click(button);
    await user.click(screen.getByRole("button", { name: "Elsewhere" }));
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    await user.click(button);
    expect(screen.getByRole("menu")).toBeInTheDocument();
    await user.tab();
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
  });

  it("toggles shut when its button is clicked again", async () => {
    const { user, button } = renderMenu();
    await user.click(button);
    await user.click(button);
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
  });
});

describe("MenuList on its own (the graph's right-click menu)", () => {
  it("gives focus back on Escape to what had it before it opened", async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const { rerender } = render(<button type="button">Canvas</button>);
    screen.getByRole("button", { name: "Canvas" }).focus();
    rerender(
      <>
        <button type="button">Canvas</button>
        <MenuList label="Actions for Acme" heading="Acme" items={[{ label: "Hide", onSelect: () => {} }]} onClose={onClose} />
      </>,
    );
    expect(item("Hide")).toHaveFocus();
    // The heading is shown but is not an item.
    expect(screen.getAllByRole("menuitem")).toHaveLength(1);
    await user.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("button", { name: "Canvas" })).toHaveFocus();
  });
});
