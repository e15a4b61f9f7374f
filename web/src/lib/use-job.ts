// Follows a background job (/v1/jobs/:id) until it succeeds or fails, polling twice a second.
import { useEffect, useState } from 'react';
import { api, messageOf } from '../api/client';
import type { Job } from '../api/types';

export interface JobState<R> {
  job: Job<R> | undefined;
  error: string | undefined;
}

export const isFinished = (job: Job | undefined) =>
  job?.status === 'succeeded' || job?.status === 'failed';

export function useJob<R>(jobId: string | null, intervalMs = 500): JobState<R> {
  const [job, setJob] = useState<Job<R>>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    setJob(undefined);
    setError(undefined);
    if (!jobId) return;
    let stopped = false;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const next = await api<Job<R>>(`/v1/jobs/${encodeURIComponent(jobId)}`);
        if (stopped) return;
        setJob(next);
        if (!isFinished(next)) timer = window.setTimeout(() => void poll(), intervalMs);
      } catch (reason) {
        if (!stopped) setError(messageOf(reason));
      }
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [jobId, intervalMs]);

  return { job, error };
}
