// The mapping the column choices make, as the YAML file the import reads (the same file works
// with `leadscore import --map`), with a button to copy it.
import { useState } from 'react';

export function ImportMapYaml({ yaml }: { yaml: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(yaml);
      setCopied(true);
    } catch {
      setCopied(false);
    }
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
    </section>
  );
}
