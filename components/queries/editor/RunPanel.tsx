"use client";

import { useId } from "react";
import { NeedsPermission } from "@/components/auth/NeedsPermission";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import type { Can } from "@/lib/auth/client";
import type { Failure } from "@/lib/queries/editor-failure";
import type { ParameterDeclaration, RawParameterValues } from "@/lib/queries/parameters";
import { ParameterForm } from "../ParameterForm";
import { Field } from "@/components/ui/Field";

interface RunPanelProps {
  parameters: ParameterDeclaration[];
  values: RawParameterValues;
  onValues: (values: RawParameterValues) => void;
  failure: Failure | null;
  running: boolean;
  /** Whether the role may run what is on screen (a saved run needs graph:read, a draft queries:write). */
  can: Can;
  canRun: boolean;
  /** Whether Run would send the unsaved text. */
  draftRun: boolean;
  /** The address of the run on screen, when it is a saved run link; null otherwise. */
  runLink: string | null;
  onRun: () => void;
}

/** The parameter values, the Run button, the link to the run and why a run failed. */
export function RunPanel({ parameters, values, onValues, failure, running, can, canRun, draftRun, runLink, onRun }: RunPanelProps) {
  const reasonId = useId();
  return (
    <section aria-labelledby="run-title" className="rounded-md border border-gray-200 bg-white p-3">
      <h2 id="run-title" className="mb-2 text-sm font-semibold">
        Run
      </h2>
      <ParameterForm declarations={parameters} values={values} onChange={onValues} problems={failure?.problems ?? []} />
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button
          onClick={onRun}
          disabled={running || !canRun || !can.allowed}
          aria-describedby={can.reason ? reasonId : undefined}
          variant="outline"
          size="lg"
        >
          {running ? "Running…" : "Run"}
        </Button>
        {draftRun && canRun && can.allowed && <span className="text-xs text-gray-600">Runs the unsaved text. Save to get a link to the run.</span>}
        <NeedsPermission can={can} id={reasonId} />
      </div>
      {runLink && (
        <div className="mt-2 text-sm">
          <Field label="Link to this run" className="flex flex-col" labelClassName="text-xs text-gray-700">
            {(control) => (
              <input
                {...control}
                readOnly
                value={typeof window === "undefined" ? runLink : `${window.location.origin}${runLink}`}
                onFocus={(event) => event.target.select()}
                className="rounded border border-gray-300 bg-gray-50 px-2 py-1 font-mono text-xs"
              />
            )}
          </Field>
        </div>
      )}
      {failure && !failure.syntax && (
        <Alert tone="error" size="lg" className="mt-2">
          {failure.message}
        </Alert>
      )}
    </section>
  );
}
