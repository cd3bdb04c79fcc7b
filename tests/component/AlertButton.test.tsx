/** components/ui/Alert and Button: the roles that make a message heard, and buttons that never submit by accident. */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Alert } from "@/components/ui/Alert";
import { Button, buttonClass } from "@/components/ui/Button";

describe("Alert", () => {
  it("announces an error at once (role=alert) and news politely (role=status)", () => {
    render(
      <>
        <Alert tone="error">It failed.</Alert>
        <Alert tone="success">Saved.</Alert>
        <Alert tone="info">Revoked.</Alert>
        <Alert tone="warning" live={false}>
          At most 10 more.
        </Alert>
      </>,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("It failed.");
    expect(screen.getAllByRole("status").map((element) => element.textContent)).toEqual(["Saved.", "Revoked."]);
    expect(screen.getByText("At most 10 more.")).not.toHaveAttribute("role");
  });

  it("passes a test id through", () => {
    render(
      <Alert tone="error" data-testid="syntax-error">
        Bad
      </Alert>,
    );
    expect(screen.getByTestId("syntax-error")).toHaveAttribute("role", "alert");
  });
});

describe("Button", () => {
  it("is type=button unless told otherwise, so it does not submit the form it sits in", async () => {
    const user = userEvent.setup();
    const submitted = vi.fn((event: React.FormEvent) => event.preventDefault());
    render(
      <form onSubmit={submitted}>
        <Button>Add a row</Button>
        <Button type="submit" variant="primary">
          Save
        </Button>
      </form>,
    );
    await user.click(screen.getByRole("button", { name: "Add a row" }));
    expect(submitted).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(submitted).toHaveBeenCalledTimes(1);
  });

  it("gives a link the same look as the button of the same variant and size", () => {
    render(
      <>
        <Button variant="danger" size="xs">
          Revoke
        </Button>
        <a href="/x" className={buttonClass({ variant: "danger", size: "xs" })}>
          Open
        </a>
      </>,
    );
    expect(screen.getByRole("link", { name: "Open" }).className).toBe(screen.getByRole("button", { name: "Revoke" }).className);
  });
});
