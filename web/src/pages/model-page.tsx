// Model: the versions (note, author, when active; activate after a confirmation showing the
// what-if, roll back to a version that was active, with progress), the comparison of two
// versions, and the editor over a copy of one of them.
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
import { ActivateDialog } from './model-activate-dialog';
import { ActivationProgress, useActivation } from './model-activation';
import { ModelCompare } from './model-compare';
import { ModelEditor } from './model-editor';

export function ModelPage() {
  const list = useApi<ModelList>('/v1/models');
  const [chosen, setChosen] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
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
      {confirming !== null && (
        <ActivateDialog
          version={confirming}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            void activation.activate(confirming);
          }}
        />
      )}
      <section className="card" aria-labelledby="versions-h">
        <h2 id="versions-h">Versions</h2>
        <LoadedList resource={list} empty="No model yet: write one below and save it." scroll>
          {(data) => (
            <Table
              testId="versions"
              caption="Model versions"
              columns={['Version', 'Name', 'Note', 'Author', 'Created', 'Active', ACTIONS]}
            >
              {[...data.items].reverse().map((m) => (
                <tr key={m.version}>
                  <td>
                    v{m.version} {m.active && <span className="badge ok">active</span>}
                    {m.version === base && <span className="badge accent">in editor</span>}
                  </td>
                  <td>{m.name}</td>
                  <td>{m.note ?? <span className="muted">—</span>}</td>
                  <td>{m.author ?? <span className="muted">—</span>}</td>
                  <td>{formatTime(m.createdAt)}</td>
                  <td>
                    {m.activePeriods.length === 0 ? (
                      <span className="muted">never</span>
                    ) : (
                      m.activePeriods.map((p) => (
                        <div key={p.from}>
                          {formatTime(p.from)} – {p.to === null ? 'now' : formatTime(p.to)}
                        </div>
                      ))
                    )}
                  </td>
                  <RowActions wrap>
                    <SmallButton disabled={m.version === base} onClick={() => setChosen(m.version)}>
                      Edit a copy
                    </SmallButton>
                    {!m.active && !readOnly && (
                      <SmallButton
                        disabled={activating}
                        onClick={() =>
                          // Only a version that was active before is a rollback.
                          m.wasActive
                            ? void activation.activate(m.version)
                            : setConfirming(m.version)
                        }
                      >
                        {m.wasActive ? `Roll back to v${m.version}` : `Activate v${m.version}`}
                      </SmallButton>
                    )}
                  </RowActions>
                </tr>
              ))}
            </Table>
          )}
        </LoadedList>
      </section>
      {list.data && list.data.items.length > 1 && <ModelCompare versions={list.data.items} />}
      {base === null && list.data ? (
        <ModelEditor
          key="new"
          initialText={'name: my-model\nsegments:\n  - id: everyone\n    stage: tofu\n'}
          baseVersion={null}
          activeVersion={active}
          activating={activating}
          onSaved={list.reload}
          onActivate={(v) => setConfirming(v)}
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
          onActivate={(v) => setConfirming(v)}
          readOnly={readOnly}
        />
      ) : (
        <Loading label="Loading the model…" />
      )}
    </section>
  );
}
