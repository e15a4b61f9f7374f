// The first rows of one file as the import will read them (the server's preview): each row's
// values under the names they are read as, or why the import would refuse it.
import type { ImportKind } from '../api/import-types';
import { messageOf } from '../api/client';
import { Loading } from '../components/status';
import { Table } from '../components/table';
import { KIND_LABELS } from '../lib/import-files';
import { cellText, previewNames } from '../lib/import-preview';
import type { PreviewState } from '../lib/use-import-preview';

export function ImportPreviewTable({ kind, state }: { kind: ImportKind; state: PreviewState }) {
  const { preview, error, loading } = state;
  if (error)
    return (
      <div className="state state-error" role="alert">
        <strong>The file cannot be read this way.</strong> <span>{messageOf(error)}</span>
      </div>
    );
  if (!preview) return loading ? <Loading label="Reading the first rows…" /> : null;
  const names = previewNames(preview);
  const refused = preview.rows.filter((r) => r.reject !== null).length;
  return (
    <div className="stack">
      <p className="hint" aria-live="polite">
        {preview.rows.length === 0
          ? 'The file has no rows after its header.'
          : `${preview.rows.length === 1 ? 'The first row as it' : `The first ${preview.rows.length} rows as they`} will be read${refused > 0 ? `: ${refused} would be rejected` : ''}.`}
        {loading && ' Updating…'}
      </p>
      {preview.rows.length > 0 && (
        <div className={loading ? 'table-wrap scroll is-stale' : 'table-wrap scroll'}>
          <Table
            testId={`import-preview-${kind}`}
            caption={`The first rows of the ${KIND_LABELS[kind].toLowerCase()} file as read`}
            columns={['Line', ...names.map((n) => ({ label: <code>{n}</code> })), 'Problem']}
            busy={loading}
          >
            {preview.rows.map((row) => (
              <tr key={row.line} className={row.reject ? 'rejected' : undefined}>
                <td className="num">{row.line}</td>
                {names.map((n) => (
                  <td key={n}>{cellText(row.values?.[n])}</td>
                ))}
                <td>{row.reject && <span className="field-error">{row.reject}</span>}</td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </div>
  );
}
