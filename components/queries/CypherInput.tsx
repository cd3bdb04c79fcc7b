"use client";

import { EditorView } from "@codemirror/view";
import { CypherEditor } from "@neo4j-cypher/react-codemirror";
import "@neo4j-cypher/codemirror/css/cypher-codemirror.css";
import { useMemo } from "react";
import { useGraphSchema } from "@/components/schema/hooks/useGraphSchema";
import { completionOf, registrySchema } from "@/lib/schema/model";

export interface CypherInputProps {
  value: string;
  onChange: (value: string) => void;
  /** Declared parameter names, offered after `$`. */
  parameterNames: string[];
  /** Where Neo4j reported a syntax error: the cursor goes there. */
  errorOffset?: number;
  labelledBy: string;
  /** For roles that may not change the query: the text can be read and selected, not edited. */
  readOnly?: boolean;
}

/** What completion offers until the schema has been read (or for someone who may not read it): the registry's own. */
const REGISTRY_COMPLETION = completionOf(registrySchema());

/** CodeMirror's editable element is a textbox of its own: it needs a name for screen readers. */
const ACCESSIBLE_NAME = [EditorView.contentAttributes.of({ "aria-label": "Cypher query" })];

/**
 * Neo4j's CodeMirror 6 Cypher editor (@neo4j-cypher/react-codemirror): highlighting, linting, and
 * completion (Ctrl+Space) of the declared parameters and of what the schema page lists, from the same
 * read (GET /api/schema): labels, relationship types, and the property keys of entities and relationships
 * alike (`r.am` completes to `amount`; this editor offers every key wherever a property may follow, not
 * only the keys of the variable's type). Loaded in the browser only (see QueryEditor), since CodeMirror
 * needs the DOM.
 */
export default function CypherInput({ value, onChange, parameterNames, errorOffset, labelledBy, readOnly = false }: CypherInputProps) {
  const graphSchema = useGraphSchema();
  const completion = useMemo(() => (graphSchema.data ? completionOf(graphSchema.data) : REGISTRY_COMPLETION), [graphSchema.data]);
  const schema = useMemo(
    () => ({
      ...completion,
      parameters: parameterNames,
      procedures: [],
      functions: [],
    }),
    [completion, parameterNames],
  );
  return (
    <div
      className="cypher-input overflow-hidden rounded-md border border-gray-300 bg-white text-sm"
      role="group"
      aria-labelledby={labelledBy}
      data-testid="cypher-editor"
    >
      <CypherEditor
        value={value}
        onValueChanged={(text) => onChange(text)}
        schema={schema}
        lineNumbers
        lineNumberFormatter={(line) => String(line)}
        lineWrapping
        autocomplete
        history
        theme="light"
        placeholder="MATCH (n:Entity {id: $entity}) RETURN n"
        position={errorOffset}
        postExtensions={ACCESSIBLE_NAME}
        readOnly={readOnly}
      />
    </div>
  );
}
