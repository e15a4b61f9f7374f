// Starts an import (a dry run or the real one) by uploading its files (with the upload's
// progress), then follows its job to the result (see use-job.ts); `reset` forgets the last run
// when the files or mapping change. The job followed is told to `onJob` (the page keeps it in
// its address, so a reload still shows the import), and one can be given to follow at first.
import { useState } from 'react';
import { apiUpload, messageOf } from '../api/client';
import type { ImportResult } from '../api/import-types';
import type { JobStarted } from '../api/types';
import { importForm, type ImportRequest } from './import-files';
import { isFinished, useJob } from './use-job';

export function useImportJob(initial: string | null, onJob: (jobId: string | null) => void) {
  const [jobId, setJobId] = useState<string | null>(initial);
  const [dryRun, setDryRun] = useState(false);
  const [starting, setStarting] = useState(false);
  /** Bytes of the form sent, of its total, while it is sent. */
  const [sent, setSent] = useState<{ sent: number; total: number }>();
  const [error, setError] = useState<string>();
  const { job, error: pollError } = useJob<ImportResult>(jobId);

  const start = async (request: ImportRequest) => {
    setError(undefined);
    setJobId(null);
    setDryRun(request.dryRun);
    setStarting(true);
    setSent(undefined);
    try {
      const started = await apiUpload<Pick<JobStarted, 'jobId'>>(
        '/v1/imports',
        importForm(request),
        (bytes, total) => setSent({ sent: bytes, total }),
      );
      setJobId(started.jobId);
      onJob(started.jobId);
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setStarting(false);
    }
  };

  const reset = () => {
    setJobId(null);
    setError(undefined);
    onJob(null);
  };

  return {
    start,
    reset,
    jobId,
    job,
    /** Whether the run is a dry run (as its result says, for a job followed from the address). */
    dryRun: job?.result?.dryRun ?? dryRun,
    /** The files are being sent (the job starts once the server has them all). */
    uploading: starting,
    /** How much of the form is sent, once the browser reports it. */
    sent,
    running: starting || (jobId !== null && !isFinished(job)),
    result: job?.status === 'succeeded' ? (job.result ?? null) : null,
    error:
      error ??
      pollError ??
      (job?.status === 'failed' ? (job.error ?? 'the import failed') : undefined),
  };
}

export type ImportJob = ReturnType<typeof useImportJob>;
