// The leads list's Export button: downloads every lead the current filters select (not just the
// page shown), as CSV or NDJSON, through the API's export.
import { useState } from 'react';
import { messageOf } from '../api/client';
import { downloadFile } from '../api/download';
import { EXPORT_FORMATS, exportPath, type ExportFormat } from '../lib/export-file';
import type { Filters } from './leads-filters';

export function LeadsExport({ filters }: { filters: Filters }) {
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await downloadFile(exportPath('/v1/leads/export', filters, format), `leads.${format}`);
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="actions">
      <select
        aria-label="Export format"
        value={format}
        onChange={(e) => setFormat(e.target.value as ExportFormat)}
      >
        {EXPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {f.toUpperCase()}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void download()}
        title="Every lead these filters select, scored as of now"
      >
        {busy ? 'Exporting…' : 'Export'}
      </button>
      {error && (
        <span className="state-error" role="alert">
          Export failed: {error}
        </span>
      )}
    </div>
  );
}
