// What an import did (or, in a dry run, would do): counts per kind, rejects by reason, the first
// rejected rows with their file and line, and the download of every rejected row.
import type { ImportResult } from '../api/import-types';
import { Stat } from '../components/stat';
import { num, Table } from '../components/table';
import { KIND_LABELS } from '../lib/import-files';
import { reasonRows, rejectedTotal } from '../lib/import-summary';
import { formatNumber } from '../lib/format';
import { ImportCountsTable } from './import-counts';
import { RejectsDownload } from './import-rejects-download';

interface Props {
  result: ImportResult;
  jobId: string;
}

export function ImportResultView({ result, jobId }: Props) {
  const rejected = rejectedTotal(result);
  const reasons = reasonRows(result);
  return (
    <div className="stack" data-testid="import-result">
      <p className={rejected > 0 ? 'state state-error' : 'state state-ok'} role="status">
        {result.dryRun ? 'Dry run: nothing was written. ' : 'Imported. '}
        {rejected > 0
          ? `${formatNumber(rejected)} ${rejected === 1 ? 'row was' : 'rows were'} rejected${result.dryRun ? ' and would not be imported' : ''}.`
          : 'No row was rejected.'}
      </p>
      <div className="stats">
        <Stat
          label={result.dryRun ? 'Leads to rescore' : 'Leads rescored'}
          value={formatNumber(result.rescored)}
          testId="rescored"
        />
      </div>
      <ImportCountsTable result={result} />
      {result.dryRun && (
        <p className="hint">
          A dry run counts what the import of the same files would do now: new, updated and already
          stored rows, and rows it would refuse.
        </p>
      )}
      {reasons.length > 0 && (
        <Table
          testId="import-reasons"
          caption="Rejected rows by reason"
          columns={['File', 'Reason', num('Rows')]}
        >
          {reasons.map((r) => (
            <tr key={`${r.kind}:${r.reason}`}>
              <td>{KIND_LABELS[r.kind]}</td>
              <td>{r.reason}</td>
              <td className="num">{formatNumber(r.count)}</td>
            </tr>
          ))}
        </Table>
      )}
      {result.firstRejects.length > 0 && (
        <>
          <h3>
            {rejected > result.firstRejects.length
              ? `The first ${result.firstRejects.length} rejected rows`
              : 'Rejected rows'}
          </h3>
          <div className="table-wrap scroll">
            <Table
              testId="import-rejects"
              caption="Rejected rows"
              columns={['Where', 'Reason', 'Row']}
            >
              {result.firstRejects.map((r) => (
                <tr key={`${r.kind}:${r.line}`}>
                  <td style={{ whiteSpace: 'nowrap' }}>
                    <code>
                      {r.file}:{r.line}
                    </code>
                  </td>
                  <td>{r.reason}</td>
                  <td>
                    <code className="sub">{r.row}</code>
                  </td>
                </tr>
              ))}
            </Table>
          </div>
        </>
      )}
      {rejected > 0 && <RejectsDownload jobId={jobId} count={rejected} />}
    </div>
  );
}
