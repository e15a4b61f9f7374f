// The download of an import's rejected rows (file, line, reason, row) as CSV or NDJSON: fetched
// with the session's key (a plain link would not send it), then saved under the job's name.
import { useState } from 'react';
import { apiFile, messageOf } from '../api/client';
import { formatNumber } from '../lib/format';

type Format = 'csv' | 'ndjson';

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `count` undefined: a failed import, whose rows refused before it failed are kept. */
export function RejectsDownload({ jobId, count }: { jobId: string; count?: number }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const path = `/v1/imports/${encodeURIComponent(jobId)}/rejects`;

  const download = async (format: Format) => {
    setBusy(true);
    setError(undefined);
    try {
      const blob = await apiFile(format === 'csv' ? path : `${path}?format=ndjson`);
      save(blob, `import-${jobId}-rejects.${format}`);
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="actions">
      <a
        className="button"
        href={path}
        aria-disabled={busy || undefined}
        onClick={(event) => {
          event.preventDefault();
          if (!busy) void download('csv');
        }}
      >
        {count === undefined
          ? 'Download the rows rejected before it failed (CSV)'
          : `Download rejects (${formatNumber(count)} ${count === 1 ? 'row' : 'rows'}, CSV)`}
      </a>
      <button
        type="button"
        className="button small"
        aria-label="Download rejects as NDJSON"
        disabled={busy}
        onClick={() => void download('ndjson')}
      >
        NDJSON
      </button>
      {error && (
        <span className="field-error" role="alert">
          The download failed: {error}
        </span>
      )}
    </div>
  );
}
