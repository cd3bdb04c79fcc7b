"use client";

import { EditorView } from "@codemirror/view";
import { CypherEditor } from "@neo4j-cypher/react-codemirror";
import "@neo4j-cypher/codemirror/css/cypher-codemirror.css";
import { useMemo } from "react";
import { ENTITY_LABEL, ENTITY_TYPE_SPECS, ENTITY_TYPES, RELATIONSHIP_TYPES } from "@/lib/model/registry";

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

/** Property keys offered by completion: every field of every entity type, plus the ones all nodes have. */
const PROPERTY_KEYS = [
  ...new Set(["id", "name", "description", "sources", "quote", "role", ...ENTITY_TYPES.flatMap((type) => ENTITY_TYPE_SPECS[type].fields.map((field) => field.name))]),
].sort();

/** CodeMirror's editable element is a textbox of its own: it needs a name for screen readers. */
const ACCESSIBLE_NAME = [EditorView.contentAttributes.of({ "aria-label": "Cypher query" })];

/**
 * Neo4j's CodeMirror 6 Cypher editor (@neo4j-cypher/react-codemirror): highlighting, linting, and
 * completion of our labels, relationship types, property keys and the declared parameters. Loaded in the
 * browser only (see QueryEditor), since CodeMirror needs the DOM.
 */
export default function CypherInput({ value, onChange, parameterNames, errorOffset, labelledBy, readOnly = false }: CypherInputProps) {
  const schema = useMemo(
    () => ({
      labels: [ENTITY_LABEL, ...ENTITY_TYPES],
      relationshipTypes: [...RELATIONSHIP_TYPES],
      propertyKeys: PROPERTY_KEYS,
      parameters: parameterNames,
      procedures: [],
      functions: [],
    }),
    [parameterNames],
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
