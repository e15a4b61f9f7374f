// Comparing two model versions: the structured changes by id (from the API's diff) beside a
// line diff of their YAML.
import { useState } from 'react';
import type { ModelDiff, ModelSummary, ModelVersion } from '../api/types';
import { ErrorNote, Loading } from '../components/status';
import { Table } from '../components/table';
import { foldKept, lineDiff } from '../lib/line-diff';
import { specToYaml } from '../lib/model-doc';
import { useApi } from '../lib/use-api';

const shown = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));

function Changes({ diff }: { diff: ModelDiff }) {
  if (diff.changes.length === 0) return <p className="muted">No differences.</p>;
  return (
    <Table
      testId="model-diff"
      caption={`Changes from v${diff.against} to v${diff.version}`}
      columns={['Kind', 'Id', 'Change', 'Fields', 'Before', 'After']}
    >
      {diff.changes.map((c) => (
        <tr key={`${c.kind}:${c.id}`}>
          <td>{c.kind}</td>
          <td>{c.id}</td>
          <td>{c.change}</td>
          <td>{c.fields.join(', ')}</td>
          <td>
            <code>{shown(c.before)}</code>
          </td>
          <td>
            <code>{shown(c.after)}</code>
          </td>
        </tr>
      ))}
    </Table>
  );
}

function YamlDiff({ from, to }: { from: ModelVersion; to: ModelVersion }) {
  const lines = foldKept(lineDiff(specToYaml(from.spec), specToYaml(to.spec)));
  return (
    <pre className="yaml-diff" data-testid="yaml-diff">
      {lines.map((l, i) =>
        l.kind === 'gap' ? (
          <div key={i} className="diff-gap">
            ⋯ {l.count} unchanged lines
          </div>
        ) : (
          <div key={i} className={`diff-${l.kind}`}>
            {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}
            {l.text}
          </div>
        ),
      )}
    </pre>
  );
}

export function ModelCompare({ versions }: { versions: readonly ModelSummary[] }) {
  const last = versions.at(-1)!.version;
  const [against, setAgainst] = useState(versions.at(-2)!.version);
  const [version, setVersion] = useState(last);
  const diff = useApi<ModelDiff>(`/v1/models/${version}/diff?against=${against}`);
  const from = useApi<ModelVersion>(`/v1/models/${against}`);
  const to = useApi<ModelVersion>(`/v1/models/${version}`);
  const pick = (label: string, value: number, set: (v: number) => void) => (
    <label>
      {label}{' '}
      <select aria-label={label} value={value} onChange={(e) => set(Number(e.target.value))}>
        {versions.map((m) => (
          <option key={m.version} value={m.version}>
            v{m.version}
          </option>
        ))}
      </select>
    </label>
  );
  const error = diff.error ?? from.error ?? to.error;
  return (
    <section className="card" aria-labelledby="compare-h" data-testid="compare">
      <h2 id="compare-h">Compare versions</h2>
      <div className="form-row">
        {pick('Compare from', against, setAgainst)}
        {pick('Compare to', version, setVersion)}
      </div>
      {error ? (
        <ErrorNote error={error} onRetry={diff.reload} />
      ) : !diff.data || !from.data || !to.data ? (
        <Loading label="Comparing…" />
      ) : (
        <div className="compare-split">
          <Changes diff={diff.data} />
          <YamlDiff from={from.data} to={to.data} />
        </div>
      )}
    </section>
  );
}
