// Starts a background job with a POST and follows it to its end (see use-job.ts).
import { useState } from 'react';
import { api, ApiError, messageOf } from '../api/client';
import type { JobStarted } from '../api/types';
import { isFinished, useJob } from './use-job';

export function useJobRunner<R>(path: string) {
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [missing, setMissing] = useState(false);
  const { job, error: pollError } = useJob<R>(jobId);

  const start = async (body: unknown = {}) => {
    setError(undefined);
    setJobId(null);
    try {
      const started = await api<JobStarted>(path, { json: body });
      setJobId(started.jobId);
    } catch (reason) {
      if (reason instanceof ApiError && reason.status === 404) setMissing(true);
      setError(messageOf(reason));
    }
  };

  return {
    start,
    job,
    /** The route is not on this server (an older version). */
    missing,
    running: jobId !== null && !isFinished(job),
    result: job?.status === 'succeeded' ? (job.result ?? null) : null,
    error:
      error ??
      pollError ??
      (job?.status === 'failed' ? (job.error ?? 'the job failed') : undefined),
  };
}
