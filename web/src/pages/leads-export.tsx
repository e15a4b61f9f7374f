// The leads list's Export buttons: download every lead the current filters select (not just the
// page shown), as CSV or NDJSON, through the API's export.
import { useState } from 'react';
import { messageOf } from '../api/client';
import { downloadFile } from '../api/download';
import { EXPORT_FORMATS, exportPath, type ExportFormat } from '../lib/export-file';
import type { Filters } from './leads-filters';

export function LeadsExport({ filters }: { filters: Filters }) {
  const [busy, setBusy] = useState<ExportFormat>();
  const [error, setError] = useState<string>();

  const download = async (format: ExportFormat) => {
    setBusy(format);
    setError(undefined);
    try {
      await downloadFile(exportPath('/v1/leads/export', filters, format), `leads.${format}`);
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <>
      {error && (
        <span className="state-error" role="alert">
          Export failed: {error}
        </span>
      )}
      {EXPORT_FORMATS.map((format) => (
        <button
          key={format}
          type="button"
          className="button"
          disabled={busy !== undefined}
          onClick={() => void download(format)}
          title={`Every lead these filters select, scored as of now, as ${format.toUpperCase()}`}
        >
          {busy === format ? 'Exporting…' : `Export ${format.toUpperCase()}`}
        </button>
      ))}
    </>
  );
}
