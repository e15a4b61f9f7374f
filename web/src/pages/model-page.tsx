// Model: the versions (active marked, activate or roll back with progress) and the editor over
// a copy of one of them.
import { useState } from 'react';
import type { ModelList, ModelVersion } from '../api/types';
import { Empty, ErrorNote, Loading } from '../components/status';
import { formatTime } from '../lib/format';
import { specToYaml } from '../lib/model-doc';
import { useApi } from '../lib/use-api';
import { ActivationProgress, useActivation } from './model-activation';
import { ModelEditor } from './model-editor';

export function ModelPage() {
  const list = useApi<ModelList>('/v1/models');
  const [chosen, setChosen] = useState<number | null>(null);
  const base = chosen ?? list.data?.active ?? list.data?.items.at(-1)?.version ?? null;
  const spec = useApi<ModelVersion>(base === null ? null : `/v1/models/${base}`);
  const activation = useActivation(list.reload);
  const activating =
    activation.job !== undefined &&
    activation.job.status !== 'succeeded' &&
    activation.job.status !== 'failed';
  const active = list.data?.active ?? null;

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>Model</h1>
          <p className="muted">
            Edit a copy of a version, save it as a new one, preview what it would change, then
            activate it.
          </p>
        </div>
      </header>
      <ActivationProgress state={activation} />
      <section className="card" aria-labelledby="versions-h">
        <h2 id="versions-h">Versions</h2>
        {list.error ? (
          <ErrorNote error={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Loading />
        ) : list.data.items.length === 0 ? (
          <Empty>No model yet: write one below and save it.</Empty>
        ) : (
          <div className="table-wrap scroll">
            <table className="table" data-testid="versions">
              <caption className="sr-only">Model versions</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Name</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...list.data.items].reverse().map((m) => (
                  <tr key={m.version}>
                    <td>
                      v{m.version} {m.active && <span className="badge ok">active</span>}
                      {m.version === base && <span className="badge accent">in editor</span>}
                    </td>
                    <td>{m.name}</td>
                    <td>{formatTime(m.createdAt)}</td>
                    <td>
                      <div className="actions">
                        <button
                          type="button"
                          className="button small"
                          disabled={m.version === base}
                          onClick={() => setChosen(m.version)}
                        >
                          Edit a copy
                        </button>
                        {!m.active && (
                          <button
                            type="button"
                            className="button small"
                            disabled={activating}
                            onClick={() => void activation.activate(m.version)}
                          >
                            {active !== null && m.version < active
                              ? `Roll back to v${m.version}`
                              : `Activate v${m.version}`}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {base === null && list.data ? (
        <ModelEditor
          key="new"
          initialText={'name: my-model\nsegments:\n  - id: everyone\n    stage: tofu\n'}
          baseVersion={null}
          activeVersion={active}
          activating={activating}
          onSaved={list.reload}
          onActivate={(v) => void activation.activate(v)}
        />
      ) : spec.error ? (
        <ErrorNote error={spec.error} onRetry={spec.reload} />
      ) : spec.data && spec.data.version === base ? (
        <ModelEditor
          key={base}
          initialText={specToYaml(spec.data.spec)}
          baseVersion={base}
          activeVersion={active}
          activating={activating}
          onSaved={list.reload}
          onActivate={(v) => void activation.activate(v)}
        />
      ) : (
        <Loading label="Loading the model…" />
      )}
    </section>
  );
}
