/**
 * A run link, `/queries/{id}?version=3&entity=company-x&from=2018-01-01`, names a saved query, a version
 * and the values of its parameters: opening it re-runs exactly that run. `version` is reserved for this,
 * which is why no parameter may be called that.
 */
import type { ParameterDeclaration, RawParameterValues } from "./parameters";

export const VERSION_KEY = "version";

export interface RunLink {
  /** Absent: the latest version. */
  version?: number;
  values: RawParameterValues;
}

/** Reads a run link's query string. Anything unusable is left for the server to explain, not dropped. */
export function parseRunLink(params: URLSearchParams): RunLink | null {
  if (params.size === 0) return null;
  const values: RawParameterValues = {};
  let version: number | undefined;
  for (const [key, value] of params) {
    if (key === VERSION_KEY) {
      const parsed = Number(value);
      version = Number.isInteger(parsed) && parsed >= 1 ? parsed : undefined;
    } else {
      values[key] = value;
    }
  }
  return { version, values };
}

/** The query string of a run: the version, then the values in declaration order (empty ones left out). */
export function runLinkSearch(version: number, declarations: readonly ParameterDeclaration[], values: RawParameterValues): string {
  const params = new URLSearchParams({ [VERSION_KEY]: String(version) });
  for (const declaration of declarations) {
    const value = values[declaration.name];
    if (value !== undefined && value !== "") params.set(declaration.name, value);
  }
  return params.toString();
}

/** The form's starting values: what the link gives, else each parameter's default. */
export function initialValues(declarations: readonly ParameterDeclaration[], link: RunLink | null): RawParameterValues {
  const values: RawParameterValues = {};
  for (const declaration of declarations) {
    values[declaration.name] = link ? (link.values[declaration.name] ?? "") : (declaration.defaultValue ?? "");
  }
  return values;
}
