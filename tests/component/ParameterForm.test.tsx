import { render, screen, waitFor } from "../support/render";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { ParameterForm } from "@/components/queries/ParameterForm";
import type { ParameterDeclaration, ParameterProblem, RawParameterValues } from "@/lib/queries/parameters";
import { answer, serveRequests } from "../support/network";

const DECLARATIONS: ParameterDeclaration[] = [
  { name: "entity", type: "entity", label: "Company", required: true },
  { name: "from", type: "date", required: false },
  { name: "hops", type: "integer", required: true },
  { name: "kind", type: "entityType", required: false },
  { name: "strict", type: "boolean", required: false },
];

function Harness({ problems = [], onValues }: { problems?: ParameterProblem[]; onValues: (values: RawParameterValues) => void }) {
  const [values, setValues] = useState<RawParameterValues>({});
  return (
    <ParameterForm
      declarations={DECLARATIONS}
      values={values}
      problems={problems}
      onChange={(next) => {
        setValues(next);
        onValues(next);
      }}
    />
  );
}

describe("ParameterForm", () => {
  it("offers a field of the declared kind for each parameter and reports the typed values", async () => {
    serveRequests((url) =>
      url.pathname === "/api/search"
        ? answer(200, { results: [{ id: "company-thermo-fisher", type: "Company", name: "Thermo Fisher Scientific Inc.", description: null, context: [], datasets: [], score: 1 }] })
        : answer(404, { error: "no" }),
    );
    const onValues = vi.fn();
    const user = userEvent.setup();
    render(<Harness onValues={onValues} />);

    await user.type(screen.getByRole("combobox", { name: "Company" }), "thermo");
    await user.click(await screen.findByRole("option", { name: /Thermo Fisher/ }));
    expect(screen.getByTestId("chosen-Company")).toHaveTextContent("Thermo Fisher Scientific Inc.company-thermo-fisher");

    expect(screen.getByLabelText("from (optional)")).toHaveAttribute("type", "date");
    await user.type(screen.getByLabelText("hops"), "3");
    await user.selectOptions(screen.getByLabelText("kind (optional)"), "Legislator");
    await user.selectOptions(screen.getByLabelText("strict (optional)"), "true");

    await waitFor(() =>
      expect(onValues).toHaveBeenLastCalledWith({ entity: "company-thermo-fisher", hops: "3", kind: "Legislator", strict: "true" }),
    );
  });

  it("shows the server's problem next to its field and marks the field invalid", () => {
    render(<Harness onValues={vi.fn()} problems={[{ name: "hops", message: "hops must be a whole number" }]} />);
    const field = screen.getByLabelText("hops");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription("hops must be a whole number");
  });
});
