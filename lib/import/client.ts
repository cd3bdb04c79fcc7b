/**
 * The browser's side of importing (app/api/imports/...): an upload folder, each file PUT into it with
 * its progress, then the import job, whose progress is read until it ends.
 */
import { ApiError, requestJson } from "../api-client";
import { isolate } from "../text/bidi";
import type { ImportFormat, ImportJob } from "./jobs";

export interface StartImportInput {
  uploadId: string;
  format: ImportFormat;
  /** The main file's name: the mapping for CSV, the data file otherwise. */
  file: string;
  skipInvalid: boolean;
  sourceName?: string;
}

export const newUploadApi = () => requestJson<{ uploadId: string }>("/api/imports/uploads", { method: "POST" });
export const startImportApi = (input: StartImportInput) => requestJson<ImportJob>("/api/imports", { method: "POST", body: input });
export const importJobApi = (id: string, signal?: AbortSignal) => requestJson<ImportJob>(`/api/imports/${encodeURIComponent(id)}`, { signal });
/** The signed-in user's imports, newest first, whichever server ran them. */
export const listImportsApi = (signal?: AbortSignal) => requestJson<{ imports: ImportJob[] }>("/api/imports", { signal });
/** Runs an interrupted import again from its upload; answers the new job. */
export const resumeImportApi = (id: string) => requestJson<ImportJob>(`/api/imports/${encodeURIComponent(id)}/resume`, { method: "POST" });

/** PUT one file as the raw body, reporting upload progress (fetch cannot report it; XHR can). */
export function uploadFileApi(uploadId: string, file: File, onProgress: (sent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("PUT", `/api/imports/uploads/${uploadId}?name=${encodeURIComponent(file.name)}`);
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) resolve();
      else {
        let message = `The upload of ${isolate(file.name)} failed (${request.status}).`;
        try {
          message = (JSON.parse(request.responseText) as { error?: string }).error ?? message;
        } catch {
          // keep the generic message
        }
        reject(new ApiError(request.status, message));
      }
    };
    request.onerror = () => reject(new ApiError(0, "Redstring's server cannot be reached. Check your connection and try again."));
    request.send(file);
  });
}
