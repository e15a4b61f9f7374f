// One chosen file in the mapping step: for a CSV its column mapping table, and for any file
// the preview of its first rows as they will be read, refreshed as the mapping changes.
import { useMemo } from 'react';
import type { ImportKind } from '../api/import-types';
import { KIND_LABELS } from '../lib/import-files';
import type { FileFormat } from '../lib/import-header';
import { mappingYaml, type ColumnChoice } from '../lib/import-mapping';
import { useImportPreview } from '../lib/use-import-preview';
import { ImportColumns } from './import-columns';
import { ImportPreviewTable } from './import-preview';

interface Props {
  kind: ImportKind;
  file: File;
  format: FileFormat;
  choices: readonly ColumnChoice[];
  onChoices: (choices: ColumnChoice[]) => void;
  disabled: boolean;
}

export function ImportKindPanel({ kind, file, format, choices, onChoices, disabled }: Props) {
  const map = useMemo(() => mappingYaml({ [kind]: choices }), [kind, choices]);
  const preview = useImportPreview(kind, file, map);
  const readAs = useMemo(
    () => new Map(preview.preview?.columns.map((c) => [c.column, c.to])),
    [preview.preview],
  );
  const headingId = `import-kind-${kind}-h`;
  return (
    <section className="card" aria-labelledby={headingId} data-testid={`import-kind-${kind}`}>
      <h3 id={headingId}>
        {KIND_LABELS[kind]} <span className="muted">· {file.name}</span>
      </h3>
      {format === 'csv' ? (
        choices.length > 0 ? (
          <ImportColumns
            kind={kind}
            choices={choices}
            onChange={onChoices}
            disabled={disabled}
            readAs={readAs}
          />
        ) : (
          <p className="hint">The file has no header line to map.</p>
        )
      ) : (
        <p className="hint">
          NDJSON: one Segment call a line, read as it is (a mapping is for CSV columns).
        </p>
      )}
      <h4 style={{ margin: '1rem 0 0.5rem' }}>Preview</h4>
      <ImportPreviewTable kind={kind} state={preview} />
    </section>
  );
}
