/**
 * components/ui/Dialog, driven as a person would: it opens with focus inside, Tab and Shift+Tab go round
 * inside it and never reach the page behind, Escape, a close button and a click on the backdrop close it,
 * and focus is back on the button that opened it. (jsdom has no top layer: the end-to-end spec
 * tests/e2e/ui-parts.spec.ts checks the same in Chromium, with the native modal.)
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useRef, useState } from "react";
import { Dialog } from "@/components/ui/Dialog";

function Harness({ onClose = () => {}, focusLast = false }: { onClose?: () => void; focusLast?: boolean }) {
  const [open, setOpen] = useState(false);
  const last = useRef<HTMLButtonElement>(null);
  const close = () => {
    onClose();
    setOpen(false);
  };
  return (
    <>
      <button type="button">Before</button>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <button type="button">After</button>
      {open && (
        <Dialog title="Pick a name" onClose={close} initialFocus={focusLast ? last : undefined}>
          <label>
            First name <input />
          </label>
          <label>
            Last name <input />
          </label>
          <button type="button" disabled>
            Not now
          </button>
          <button ref={last} type="button" onClick={close}>
            Done
          </button>
        </Dialog>
      )}
    </>
  );
}

async function openIt(props: Parameters<typeof Harness>[0] = {}) {
  const user = userEvent.setup();
  render(<Harness {...props} />);
  await user.click(screen.getByRole("button", { name: "Open" }));
  return { user, dialog: screen.getByRole("dialog", { name: "Pick a name" }) };
}

describe("Dialog", () => {
  it("is named by its title and takes focus on its first field", async () => {
    const { dialog } = await openIt();
    expect(dialog.tagName).toBe("DIALOG");
    expect(dialog).toHaveAttribute("open");
    expect(screen.getByLabelText("First name")).toHaveFocus();
  });

  it("focuses what initialFocus points at", async () => {
    await openIt({ focusLast: true });
    expect(screen.getByRole("button", { name: "Done" })).toHaveFocus();
  });

  it("keeps Tab inside: forwards past the last element comes back to the first, skipping disabled ones", async () => {
    const { user, dialog } = await openIt();
    const order = ["Last name", "Done", "First name", "Last name", "Done", "First name"];
    for (const name of order) {
      await user.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
      expect(document.activeElement).toBe(name === "Done" ? screen.getByRole("button", { name }) : screen.getByLabelText(name));
    }
  });

  it("keeps Shift+Tab inside: back past the first element goes to the last", async () => {
    const { user, dialog } = await openIt();
    await user.tab({ shift: true });
    expect(screen.getByRole("button", { name: "Done" })).toHaveFocus();
    await user.tab({ shift: true });
    expect(screen.getByLabelText("Last name")).toHaveFocus();
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
  });

  it("closes on Escape and gives focus back to the button that opened it", async () => {
    const onClose = vi.fn();
    const { user } = await openIt({ onClose });
    await user.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open" })).toHaveFocus();
  });

  it("gives focus back after closing by its own button too", async () => {
    const { user } = await openIt();
    await user.click(screen.getByRole("button", { name: "Done" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open" })).toHaveFocus();
  });

  it("closes on a click on the backdrop (the <dialog> itself), not on a click inside", async () => {
    const onClose = vi.fn();
    const { user, dialog } = await openIt({ onClose });
    await user.click(screen.getByLabelText("Last name"));
    expect(onClose).not.toHaveBeenCalled();
    await user.click(dialog);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("button", { name: "Open" })).toHaveFocus();
  });

  it("closes through the dialog's own cancel event (the browser's Escape) via onClose", async () => {
    const onClose = vi.fn();
    const { dialog } = await openIt({ onClose });
    const cancel = new Event("cancel", { cancelable: true });
    dialog.dispatchEvent(cancel);
    expect(cancel.defaultPrevented).toBe(true);
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
