/** The browser's side of data sets (app/api/datasets): the list, for the search's data-set filter. */
import { requestJson } from "../api-client";
import type { Dataset } from "./model";

export const datasetsApi = (signal?: AbortSignal) => requestJson<{ datasets: Dataset[] }>("/api/datasets", { signal });
