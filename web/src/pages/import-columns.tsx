// The column mapping table of one CSV file: each column read as a trait path (or a reserved
// column such as `id`), parsed as a type, or ignored; a name two columns would take is flagged.
import type { ImportKind } from '../api/import-types';
import { Table } from '../components/table';
import { KIND_LABELS } from '../lib/import-files';
import {
  choiceProblems,
  COLUMN_TYPES,
  type ColumnChoice,
  type ColumnType,
} from '../lib/import-mapping';

interface Props {
  kind: ImportKind;
  choices: readonly ColumnChoice[];
  onChange: (choices: ColumnChoice[]) => void;
  disabled: boolean;
  /** The name the server's last preview reads each column as (it takes `ID` as `id`, say). */
  readAs: ReadonlyMap<string, string | null>;
}

export function ImportColumns({ kind, choices, onChange, disabled, readAs }: Props) {
  const problems = new Map(choiceProblems(choices).map((p) => [p.column, p.message]));
  const set = (index: number, patch: Partial<ColumnChoice>) =>
    onChange(choices.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  const label = KIND_LABELS[kind].toLowerCase();
  return (
    <div className="table-wrap">
      <Table
        className="editor-table"
        testId={`import-columns-${kind}`}
        caption={`How the columns of the ${label} file are read`}
        columns={['Column', 'Read as', 'Type', 'Ignore']}
      >
        {choices.map((choice, i) => {
          const problem = problems.get(choice.column);
          const server = readAs.get(choice.column);
          const differs =
            !choice.ignore &&
            typeof server === 'string' &&
            server !== (choice.to.trim() || choice.column);
          const id = `import-${kind}-${i}`;
          return (
            <tr key={choice.column}>
              <th scope="row">
                <code>{choice.column}</code>
              </th>
              <td>
                <input
                  id={`${id}-to`}
                  className="text-input"
                  style={{ minWidth: '9rem' }}
                  aria-label={`${choice.column}: read as`}
                  value={choice.to}
                  placeholder={choice.column}
                  disabled={disabled || choice.ignore}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={
                    problem ? `${id}-problem` : differs ? `${id}-server` : undefined
                  }
                  spellCheck={false}
                  onChange={(e) => set(i, { to: e.target.value })}
                />
                {problem && (
                  <span className="field-error" id={`${id}-problem`}>
                    {problem}
                  </span>
                )}
                {differs && !problem && (
                  <span className="hint" id={`${id}-server`}>
                    read as <code>{server}</code>
                  </span>
                )}
              </td>
              <td>
                <select
                  style={{ minWidth: '6.5rem' }}
                  aria-label={`${choice.column}: type`}
                  value={choice.type}
                  disabled={disabled || choice.ignore}
                  onChange={(e) => set(i, { type: e.target.value as ColumnType })}
                >
                  {COLUMN_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Ignore ${choice.column}`}
                  checked={choice.ignore}
                  disabled={disabled}
                  onChange={(e) => set(i, { ignore: e.target.checked })}
                />
              </td>
            </tr>
          );
        })}
      </Table>
    </div>
  );
}
