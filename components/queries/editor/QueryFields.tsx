"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useId } from "react";
import { Alert } from "@/components/ui/Alert";
import { UserText } from "@/components/ui/UserText";
import type { SyntaxProblem } from "@/lib/queries/editor-failure";
import type { Draft } from "@/lib/queries/editor-state";
import { isolateQuoted } from "@/lib/text/bidi";
import { ParameterDeclarations } from "../ParameterDeclarations";
import { Field } from "@/components/ui/Field";

const CypherInput = dynamic(() => import("../CypherInput"), {
  ssr: false,
  loading: () => <p className="rounded-md border border-gray-300 bg-white p-3 text-sm text-gray-500">Loading the editor…</p>,
});

interface QueryFieldsProps {
  draft: Draft;
  onEdit: (change: Partial<Draft>) => void;
  /** The syntax error of the last save or run, marked in the Cypher and spelled out under it. */
  syntax: SyntaxProblem | null;
  readOnly: boolean;
}

/** What a saved query is made of: title, tags, description, the Cypher and its parameters. */
export function QueryFields({ draft, onEdit, syntax, readOnly }: QueryFieldsProps) {
  const cypherLabelId = useId();
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Title" className="flex flex-col text-sm" labelClassName="mb-1 font-medium">
          {(control) => (
            <input
              {...control}
              value={draft.title}
              maxLength={120}
              readOnly={readOnly}
              onChange={(event) => onEdit({ title: event.target.value })}
              className="rounded-md border border-gray-300 px-2 py-1.5"
            />
          )}
        </Field>
        <Field label="Tags (comma-separated)" className="flex flex-col text-sm" labelClassName="mb-1 font-medium">
          {(control) => (
            <input
              {...control}
              value={draft.tags}
              readOnly={readOnly}
              onChange={(event) => onEdit({ tags: event.target.value })}
              className="rounded-md border border-gray-300 px-2 py-1.5"
            />
          )}
        </Field>
      </div>
      <Field label="Description" className="flex flex-col text-sm" labelClassName="mb-1 font-medium">
        {(control) => (
          <textarea
            {...control}
            value={draft.description}
            maxLength={2000}
            readOnly={readOnly}
            rows={2}
            onChange={(event) => onEdit({ description: event.target.value })}
            className="rounded-md border border-gray-300 px-2 py-1.5"
          />
        )}
      </Field>
      <div>
        <div className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
          <p id={cypherLabelId} className="font-medium">
            Cypher
          </p>
          {/* A new tab, so an unsaved draft stays where it is. */}
          <Link href="/schema" target="_blank" rel="noopener" className="text-red-900 underline">
            Schema: labels, types and keys <span className="text-xs">(opens in a new tab)</span>
          </Link>
        </div>
        <CypherInput
          value={draft.cypher}
          onChange={(cypher) => onEdit({ cypher })}
          parameterNames={draft.parameters.map((parameter) => parameter.name)}
          errorOffset={syntax?.offset}
          labelledBy={cypherLabelId}
          readOnly={readOnly}
        />
        {syntax && (
          <Alert tone="error" size="xs" className="mt-1 font-mono" data-testid="syntax-error">
            Line {syntax.line}, column {syntax.column}: <UserText>{isolateQuoted(syntax.message)}</UserText>
          </Alert>
        )}
      </div>
      <ParameterDeclarations
        declarations={draft.parameters}
        onChange={(parameters) => onEdit({ parameters })}
        cypher={draft.cypher}
        readOnly={readOnly}
      />
    </>
  );
}
