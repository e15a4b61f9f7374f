// The counts of an import per kind of file: read, created, updated, duplicates and rejected (for a
// dry run, what the import of the same files would count); a total row when several files were read.
import type { ImportResult } from '../api/import-types';
import { num, Table } from '../components/table';
import { formatNumber } from '../lib/format';
import { KIND_LABELS } from '../lib/import-files';
import { countsRows } from '../lib/import-summary';

export function ImportCountsTable({ result }: { result: ImportResult }) {
  return (
    <Table
      testId="import-counts"
      caption={result.dryRun ? 'What the import would do, per kind' : 'Rows imported per kind'}
      columns={[
        'File',
        num('Read'),
        num('Created'),
        num('Updated'),
        num('Duplicates'),
        num('Rejected'),
      ]}
    >
      {countsRows(result).map(({ kind, counts }) => (
        <tr key={kind} data-kind={kind}>
          <th scope="row">{kind === 'total' ? 'Total' : KIND_LABELS[kind]}</th>
          <td className="num">{formatNumber(counts.read)}</td>
          <td className="num">{formatNumber(counts.created)}</td>
          <td className="num">{formatNumber(counts.updated)}</td>
          <td className="num">{formatNumber(counts.duplicates)}</td>
          <td className="num">{formatNumber(counts.rejected)}</td>
        </tr>
      ))}
    </Table>
  );
}
