"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { importKeys } from "@/lib/client/keys/imports";
import { importJobApi, newUploadApi, resumeImportApi, startImportApi, uploadFileApi, type StartImportInput } from "@/lib/import/client";
import type { ImportJob } from "@/lib/import/jobs";

/** How often a running import's progress is read. */
const POLL_MS = 500;

export interface ImportRequest extends Omit<StartImportInput, "uploadId" | "file"> {
  /** The main file first (the mapping for CSV), then the CSV files it names. */
  files: File[];
}

/**
 * An import from the browser: upload every file (with its progress), start the job, then read the job's
 * progress twice a second while it runs; the polling stops by itself once the job has ended.
 */
export function useImport() {
  const client = useQueryClient();
  const [upload, setUpload] = useState<{ sent: number; total: number } | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);

  const start = useMutation({
    mutationFn: async ({ files, ...options }: ImportRequest): Promise<ImportJob> => {
      const total = files.reduce((sum, file) => sum + file.size, 0);
      const { uploadId } = await newUploadApi();
      let done = 0;
      setUpload({ sent: 0, total });
      for (const file of files) {
        await uploadFileApi(uploadId, file, (sent) => setUpload({ sent: done + sent, total }));
        done += file.size;
      }
      setUpload(null);
      return startImportApi({ uploadId, file: files[0]?.name ?? "", ...options });
    },
    onMutate: () => setJobId(null),
    onSuccess: (job) => {
      client.setQueryData(importKeys.job(job.id), job);
      setJobId(job.id);
    },
    onError: () => setUpload(null),
  });

  // Running an interrupted import again: the new job becomes the one this page follows.
  const resume = useMutation({
    mutationFn: (id: string) => resumeImportApi(id),
    onSuccess: (job) => {
      client.setQueryData(importKeys.job(job.id), job);
      setJobId(job.id);
      void client.invalidateQueries({ queryKey: importKeys.list() });
    },
  });

  const job = useQuery({
    queryKey: importKeys.job(jobId ?? ""),
    queryFn: ({ signal }) => importJobApi(jobId ?? "", signal),
    enabled: jobId !== null,
    // The job as the start answered it is fresh; after that only the polling reads it.
    staleTime: Infinity,
    refetchInterval: (query) => (query.state.data?.status === "running" ? POLL_MS : false),
  });

  // An import that wrote something changes what every other page shows: their cached data is stale.
  const imported = job.data?.status === "imported" ? job.data.id : null;
  useEffect(() => {
    if (imported) void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== importKeys.all[0] });
  }, [client, imported]);
  // The list of recent imports changes when one starts and when it ends.
  const phase = job.data ? `${job.data.id}:${job.data.status}` : null;
  useEffect(() => {
    if (phase) void client.invalidateQueries({ queryKey: importKeys.list() });
  }, [client, phase]);

  return { start, resume, upload, job: jobId === null ? null : (job.data ?? null), pollError: job.error };
}
