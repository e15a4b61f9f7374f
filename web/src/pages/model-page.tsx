// Model: the versions (active marked, activate or roll back with progress) and the editor over
// a copy of one of them.
import { useState } from 'react';
import type { ModelList, ModelVersion } from '../api/types';
import { LoadedList } from '../components/loaded-list';
import { PageHeader } from '../components/page-header';
import { RowActions } from '../components/row-actions';
import { SmallButton } from '../components/small-button';
import { ErrorNote, Loading } from '../components/status';
import { ACTIONS, Table } from '../components/table';
import { can } from '../lib/access';
import { formatTime } from '../lib/format';
import { specToYaml } from '../lib/model-doc';
import { useAccess } from '../lib/use-access';
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
  const { workspace } = useAccess();
  const readOnly = can(workspace, 'models.write')
    ? null
    : `Your role (${workspace?.role ?? 'none'}) can read the model but not save or activate versions.`;

  return (
    <section className="page">
      <PageHeader title="Model">
        {readOnly
          ? 'The versions and how each scores: try changes in the editor (your role cannot save them).'
          : 'Edit a copy of a version, save it as a new one, preview what it would change, then activate it.'}
      </PageHeader>
      <ActivationProgress state={activation} />
      <section className="card" aria-labelledby="versions-h">
        <h2 id="versions-h">Versions</h2>
        <LoadedList resource={list} empty="No model yet: write one below and save it." scroll>
          {(data) => (
            <Table
              testId="versions"
              caption="Model versions"
              columns={['Version', 'Name', 'Created', ACTIONS]}
            >
              {[...data.items].reverse().map((m) => (
                <tr key={m.version}>
                  <td>
                    v{m.version} {m.active && <span className="badge ok">active</span>}
                    {m.version === base && <span className="badge accent">in editor</span>}
                  </td>
                  <td>{m.name}</td>
                  <td>{formatTime(m.createdAt)}</td>
                  <RowActions wrap>
                    <SmallButton disabled={m.version === base} onClick={() => setChosen(m.version)}>
                      Edit a copy
                    </SmallButton>
                    {!m.active && !readOnly && (
                      <SmallButton
                        disabled={activating}
                        onClick={() => void activation.activate(m.version)}
                      >
                        {active !== null && m.version < active
                          ? `Roll back to v${m.version}`
                          : `Activate v${m.version}`}
                      </SmallButton>
                    )}
                  </RowActions>
                </tr>
              ))}
            </Table>
          )}
        </LoadedList>
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
          readOnly={readOnly}
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
          readOnly={readOnly}
        />
      ) : (
        <Loading label="Loading the model…" />
      )}
    </section>
  );
}
