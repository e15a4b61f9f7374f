// The first step of an import: a file for each kind (any of them), each with what it holds and
// a button to take it out again.
import { useState } from 'react';
import type { ImportKind } from '../api/import-types';
import { SmallButton } from '../components/small-button';
import {
  formatBytes,
  KIND_HINTS,
  KIND_LABELS,
  KINDS,
  type ImportFileSet,
} from '../lib/import-files';

interface Props {
  files: ImportFileSet;
  onChange: (kind: ImportKind, file: File | undefined) => void;
  /** While an import runs, its files stay as they are. */
  disabled: boolean;
}

const ACCEPT: Record<ImportKind, string> = {
  leads: '.csv,.tsv,.txt,text/csv',
  companies: '.csv,.tsv,.txt,text/csv',
  events: '.ndjson,.jsonl,.json,.csv,.tsv,.txt,text/csv,application/x-ndjson',
  outcomes: '.csv,.tsv,.txt,text/csv',
};

export function ImportPick({ files, onChange, disabled }: Props) {
  // A new key empties the browser's file input when its file is taken out.
  const [generation, setGeneration] = useState<Partial<Record<ImportKind, number>>>({});
  return (
    <section className="card" aria-labelledby="import-files-h">
      <h2 id="import-files-h">1. Files</h2>
      <p className="hint">
        Choose any of them: companies are imported first, then leads, events and outcomes.
      </p>
      <div className="grid grid-2" style={{ marginBottom: 0 }}>
        {KINDS.map((kind) => {
          const file = files[kind];
          const id = `import-file-${kind}`;
          return (
            <div key={kind} className="field">
              <label htmlFor={id}>{KIND_LABELS[kind]} file</label>
              <input
                key={generation[kind] ?? 0}
                id={id}
                type="file"
                disabled={disabled}
                accept={ACCEPT[kind]}
                aria-describedby={`${id}-hint`}
                onChange={(e) => onChange(kind, e.target.files?.[0])}
              />
              <div className="hint" id={`${id}-hint`}>
                {file ? (
                  <span className="actions">
                    <span>
                      {file.name} · {formatBytes(file.size)}
                    </span>
                    <SmallButton
                      disabled={disabled}
                      label={`Remove the ${KIND_LABELS[kind].toLowerCase()} file`}
                      onClick={() => {
                        onChange(kind, undefined);
                        setGeneration((g) => ({ ...g, [kind]: (g[kind] ?? 0) + 1 }));
                      }}
                    >
                      Remove
                    </SmallButton>
                  </span>
                ) : (
                  KIND_HINTS[kind]
                )}
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
}
