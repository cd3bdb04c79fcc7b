/** The browser's side of data sets (app/api/datasets): the list, for the search's data-set filter. */
import { requestJson } from "../api-client";
import type { DatasetName } from "./model";

/** Ids and names only: the counts of the full list read every record in the graph (seconds on real data). */
export const datasetNamesApi = (signal?: AbortSignal) => requestJson<{ datasets: DatasetName[] }>("/api/datasets?fields=names", { signal });
