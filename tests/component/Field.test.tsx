/** components/ui/Field: the label names the control, the hint and the error describe it, an error marks it invalid. */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { Field } from "@/components/ui/Field";

function Title({ initialError = null }: { initialError?: string | null }) {
  const [value, setValue] = useState("");
  const error = value.length > 5 ? "At most 5 characters." : initialError;
  return (
    <>
      <p id="elsewhere">Shown to everyone.</p>
      <Field label="Title" hint="A short name." error={error} describedBy="elsewhere">
        {(control) => <input {...control} value={value} onChange={(event) => setValue(event.target.value)} />}
      </Field>
    </>
  );
}

describe("Field", () => {
  it("names the control by its label and describes it by the hint and any extra note", () => {
    render(<Title />);
    const input = screen.getByLabelText("Title");
    expect(input).toHaveAccessibleDescription("A short name. Shown to everyone.");
    expect(input).not.toHaveAttribute("aria-invalid");
  });

  it("adds the error to the description and marks the control invalid, and takes both away once fixed", async () => {
    const user = userEvent.setup();
    render(<Title />);
    const input = screen.getByLabelText("Title");
    await user.type(input, "too long");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription("A short name. At most 5 characters. Shown to everyone.");
    await user.clear(input);
    expect(input).not.toHaveAttribute("aria-invalid");
    expect(input).toHaveAccessibleDescription("A short name. Shown to everyone.");
  });

  it("gives each field its own ids", () => {
    render(
      <>
        <Title />
        <Title initialError="Required." />
      </>,
    );
    const [first, second] = screen.getAllByLabelText("Title");
    expect(first!.id).not.toBe(second!.id);
    expect(second).toHaveAccessibleDescription(/Required\./);
    expect(first).not.toHaveAccessibleDescription(/Required\./);
  });
});
