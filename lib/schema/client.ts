/** The browser's side of the schema: GET /api/schema, errors as ApiError. */
import { requestJson } from "../api-client";
import type { GraphSchema } from "./model";

export const graphSchemaApi = (signal?: AbortSignal) => requestJson<GraphSchema>("/api/schema", { signal });
