// The mapping the column choices make, as the YAML file the import reads (the same file works
// with `leadscore import --map`): copied from here, or a file made before loaded back.
import { useEffect, useState } from 'react';
import { messageOf } from '../api/client';

interface Props {
  yaml: string;
  /** Applies a mapping file; answers the columns it names that no chosen file has. */
  onLoad: (file: File) => Promise<string[]>;
  disabled: boolean;
}

type Note = { ok: true; text: string } | { ok: false; text: string };

export function ImportMapYaml({ yaml, onLoad, disabled }: Props) {
  const [copied, setCopied] = useState(false);
  const [note, setNote] = useState<Note>();
  const [generation, setGeneration] = useState(0);
  useEffect(() => setCopied(false), [yaml]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(yaml);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  const load = async (file: File | undefined) => {
    if (!file) return;
    try {
      const unmatched = await onLoad(file);
      setNote({
        ok: true,
        text:
          unmatched.length === 0
            ? `Loaded ${file.name}.`
            : `Loaded ${file.name}; not applied, as no chosen file has these columns: ${unmatched.join(', ')}.`,
      });
    } catch (error) {
      setNote({ ok: false, text: messageOf(error) });
    }
    // The same file can be loaded again after it was changed.
    setGeneration((g) => g + 1);
  };

  return (
    <section className="card" aria-labelledby="import-yaml-h">
      <div className="page-header" style={{ marginBottom: '0.4rem', alignItems: 'center' }}>
        <h3 id="import-yaml-h" style={{ margin: 0 }}>
          Mapping file
        </h3>
        {yaml !== '' && (
          <button type="button" className="button small" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        )}
      </div>
      {yaml === '' ? (
        <p className="hint">
          Every column is read as it is named, as text: no mapping file is needed.
        </p>
      ) : (
        <>
          <pre className="snippet" data-testid="import-map-yaml">
            <code>{yaml}</code>
          </pre>
          <p className="hint">
            The same file works from the command line: <code>leadscore import --map map.yaml</code>.
          </p>
        </>
      )}
      <div className="field" style={{ marginTop: '0.75rem' }}>
        <label htmlFor="import-map-file">Load a mapping file</label>
        <input
          key={generation}
          id="import-map-file"
          type="file"
          accept=".yaml,.yml,application/yaml,text/yaml"
          disabled={disabled}
          onChange={(e) => void load(e.target.files?.[0])}
        />
      </div>
      {note && (
        <p
          className={note.ok ? 'hint' : 'field-error'}
          role={note.ok ? 'status' : 'alert'}
          data-testid="import-map-note"
        >
          {note.text}
        </p>
      )}
    </section>
  );
}
