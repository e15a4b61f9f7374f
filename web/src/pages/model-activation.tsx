// Activating a model version: the rescore job's progress until every lead is rescored.
import { useEffect, useRef, useState } from 'react';
import { api, messageOf } from '../api/client';
import type { JobStarted } from '../api/types';
import { isFinished, useJob } from '../lib/use-job';

export function useActivation(onDone: () => void) {
  const [jobId, setJobId] = useState<string | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [error, setError] = useState<string>();
  const { job, error: pollError } = useJob(jobId);
  const finished = job && isFinished(job) ? job.id : null;
  // Only the job finishing calls back, not a new onDone from a re-render.
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(() => {
    if (finished) done.current();
  }, [finished]);

  const activate = async (v: number) => {
    setError(undefined);
    setVersion(v);
    try {
      const started = await api<JobStarted>(`/v1/models/${v}/activate`, { method: 'POST' });
      setJobId(started.jobId);
    } catch (reason) {
      setError(messageOf(reason));
    }
  };
  return { activate, job, version, error: error ?? pollError };
}

export function ActivationProgress({ state }: { state: ReturnType<typeof useActivation> }) {
  const { job, version, error } = state;
  if (error)
    return (
      <p className="state state-error" role="alert">
        Activating v{version} failed: {error}
      </p>
    );
  if (!job) return null;
  const pct =
    job.total > 0
      ? Math.round((job.progress / job.total) * 100)
      : job.status === 'succeeded'
        ? 100
        : 0;
  return (
    <div className="card" data-testid="activation">
      <h3>
        Activating v{version}:{' '}
        {job.status === 'succeeded'
          ? 'done, every lead is rescored'
          : job.status === 'failed'
            ? `failed (${job.error ?? 'unknown error'})`
            : `rescoring leads (${job.status})`}
      </h3>
      <div
        className="progress"
        role="progressbar"
        aria-label={`Activating model version ${version}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div style={{ width: `${pct}%` }} />
      </div>
      <p className="hint">
        {job.progress} of {job.total || '?'} leads · {pct}%
      </p>
    </div>
  );
}
