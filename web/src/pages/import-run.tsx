// The last step of an import: a dry run or the import itself, the job's progress, then what it
// did (see import-result.tsx) or the error the API answered.
import { useState } from 'react';
import { ErrorNote } from '../components/status';
import { progressPercent } from '../lib/import-summary';
import type { ImportJob } from '../lib/use-import-job';
import { RejectsDownload } from './import-rejects-download';
import { UploadProgress } from './import-upload';
import { ImportResultView } from './import-result';

interface Props {
  runner: ImportJob;
  /** Bytes of the chosen files, for the upload's note. */
  bytes: number;
  /** Why the import cannot start yet (no file chosen, a mapping problem), or undefined. */
  blocked: string | undefined;
  start: (options: { dryRun: boolean; quiet: boolean }) => void;
}

export function ImportRun({ runner, bytes, blocked, start }: Props) {
  const [quiet, setQuiet] = useState(false);
  const { job, running, uploading, sent, result, error, jobId, dryRun } = runner;
  const pct = job ? progressPercent(job) : 0;
  const what = dryRun ? 'Dry run' : 'Import';
  return (
    <section className="card" aria-labelledby="import-run-h" data-testid="import-run">
      <h2 id="import-run-h">3. Check and import</h2>
      <p className="hint">
        A dry run reads every file, applies the mapping and counts what the import would do without
        writing anything. Events are history: every lead the import touches is rescored once at the
        end, and segment actions, hand-overs and webhooks fire once, for each lead&apos;s change
        since before the import.
      </p>
      <div className="form-row" style={{ alignItems: 'center' }}>
        <label className="inline">
          <input type="checkbox" checked={quiet} onChange={(e) => setQuiet(e.target.checked)} />
          Quiet: not even those (no segment actions, hand-overs or webhooks)
        </label>
      </div>
      <div className="actions" style={{ margin: '0.75rem 0' }}>
        <button
          type="button"
          className="button"
          disabled={running || blocked !== undefined}
          onClick={() => start({ dryRun: true, quiet })}
        >
          Dry run
        </button>
        <button
          type="button"
          className="button primary"
          disabled={running || blocked !== undefined}
          onClick={() => start({ dryRun: false, quiet })}
        >
          Import
        </button>
        {blocked && <span className="muted">{blocked}</span>}
      </div>
      {uploading && <UploadProgress bytes={bytes} sent={sent} what={what.toLowerCase()} />}
      {error && <ErrorNote error={new Error(`${what} failed: ${error}`)} />}
      {job?.status === 'failed' && jobId && <RejectsDownload jobId={jobId} />}
      {job && !result && !error && (
        <div data-testid="import-progress">
          <div
            className="progress"
            role="progressbar"
            aria-label={`${what} progress`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
          >
            <div style={{ width: `${pct}%` }} />
          </div>
          <p className="hint" role="status">
            {what} {job.status === 'queued' ? 'queued' : 'running'} · {pct}%
          </p>
        </div>
      )}
      {result && jobId && <ImportResultView result={result} jobId={jobId} />}
    </section>
  );
}
