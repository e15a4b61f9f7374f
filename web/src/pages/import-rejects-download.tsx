// The download of an import's rejected rows (file, line, reason, row) as CSV or NDJSON: fetched
// with the session's workspace header (a plain link would not send it), saved under the server's file name.
import { useState } from 'react';
import { messageOf } from '../api/client';
import { downloadFile } from '../api/download';
import { formatNumber } from '../lib/format';

type Format = 'csv' | 'ndjson';

/** `count` undefined: a failed import, whose rows refused before it failed are kept. */
export function RejectsDownload({ jobId, count }: { jobId: string; count?: number }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const path = `/v1/imports/${encodeURIComponent(jobId)}/rejects`;

  const download = async (format: Format) => {
    setBusy(true);
    setError(undefined);
    try {
      await downloadFile(
        format === 'csv' ? path : `${path}?format=ndjson`,
        `import-${jobId}-rejects.${format}`,
      );
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
