// Keeping the predictive model honest and current: its drift since training (population
// stability index of the probability and of its most influential columns, a warning above 0.2)
// and scheduled retraining (the schedule, the challenger rule, and every run's comparison of the
// active version and its challenger on the same held-out leads).
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, api } from '../api/client';
import type { PredictiveDrift, RetrainingRuns, RetrainingSchedule } from '../api/types';
import { DriftChart } from '../charts/drift-chart';
import { PairedBarChart } from '../charts/paired-bar-chart';
import { Field } from '../components/field';
import { Loaded } from '../components/loaded';
import { LoadedList } from '../components/loaded-list';
import { Empty, ErrorNote } from '../components/status';
import { num, Table } from '../components/table';
import { can } from '../lib/access';
import { formatTime } from '../lib/format';
import { useAccess } from '../lib/use-access';
import { useApi } from '../lib/use-api';
import { useApiAction } from '../lib/use-api-action';

/** Re-read when the active version changes (`active`). */
export function DriftCard({ active }: { active: number | null }) {
  const drift = useApi<PredictiveDrift>(active === null ? null : '/v1/predictive/drift');
  const { reload } = drift;
  useEffect(() => reload(), [active, reload]);
  if (active === null)
    return <Empty>Drift is measured for the active version: activate one to see it.</Empty>;
  if (drift.error instanceof ApiError && drift.error.status === 404)
    return <Empty>{drift.error.message}</Empty>;
  return (
    <Loaded resource={drift} label="Measuring drift…">
      {(d) => {
        if (d.reason)
          return (
            <Empty>
              Drift of v{d.version} cannot be measured: {d.reason}.
            </Empty>
          );
        const items = [
          ...(d.probability ? [{ name: 'Probability', ...d.probability }] : []),
          ...d.features.map((f) => ({ name: f.column, psi: f.psi, warning: f.warning })),
        ];
        const warned = items.filter((i) => i.warning);
        return (
          <div className="stack" data-testid="predictive-drift">
            <p className={warned.length ? 'error' : 'muted'}>
              {warned.length
                ? `Drift warning: ${warned.map((w) => w.name).join(', ')} moved past ${d.threshold} since v${d.version} was trained — retrain it on recent outcomes.`
                : `No drift past ${d.threshold} since v${d.version} was trained.`}{' '}
              {d.baseline?.leads ?? 0} leads at training, {d.leads} now.
            </p>
            <DriftChart items={items} threshold={d.threshold} />
          </div>
        );
      }}
    </Loaded>
  );
}

export function RetrainingCard() {
  const schedule = useApi<RetrainingSchedule>('/v1/predictive/schedule');
  const runs = useApi<RetrainingRuns>('/v1/predictive/retraining');
  const reloadAll = () => {
    schedule.reload();
    runs.reload();
  };
  const { error, busy, submit } = useApiAction(reloadAll);
  const mayEdit = can(useAccess().workspace, 'predictive.write');
  const [every, setEvery] = useState('');
  const [drop, setDrop] = useState('0');
  useEffect(() => {
    if (!schedule.data) return;
    setEvery(schedule.data.everyDays === null ? '' : String(schedule.data.everyDays));
    setDrop(String(schedule.data.rule.maxAucDrop));
  }, [schedule.data]);

  const save = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      await api('/v1/predictive/schedule', {
        method: 'PUT',
        json: {
          everyDays: every.trim() === '' ? null : Number(every),
          rule: { maxAucDrop: Number(drop) },
        },
      });
    });
  };

  return (
    <div className="stack" data-testid="predictive-retraining">
      {schedule.data && (
        <p className="muted">
          {schedule.data.everyDays === null
            ? 'Retraining is off.'
            : `Retrained every ${schedule.data.everyDays} days; a challenger is activated when its ROC AUC is at least the active one's minus ${schedule.data.rule.maxAucDrop}.`}
        </p>
      )}
      {mayEdit && (
        <form className="form-row" onSubmit={save}>
          <Field id="retrain-every" label="Every (days, empty: off)" size="narrow">
            <input
              id="retrain-every"
              inputMode="numeric"
              value={every}
              onChange={(e) => setEvery(e.target.value)}
            />
          </Field>
          <Field id="retrain-drop" label="Largest AUC drop accepted" size="narrow">
            <input
              id="retrain-drop"
              inputMode="decimal"
              value={drop}
              onChange={(e) => setDrop(e.target.value)}
            />
          </Field>
          <button type="submit" className="button" disabled={busy}>
            Save schedule
          </button>
        </form>
      )}
      {error && <ErrorNote error={new Error(error)} />}
      <LoadedList resource={runs} empty="No retraining run yet.">
        {(data) =>
          data.items.length === 0 ? (
            <Empty>No retraining run yet.</Empty>
          ) : (
            <>
              <PairedBarChart
                label="ROC AUC of the active version and its challenger per retraining run, on the same held-out leads"
                data={data.items.map((r) => ({
                  run: `#${r.seq}`,
                  active: r.activeAuc ?? 0,
                  challenger: r.challengerAuc ?? 0,
                }))}
                category="run"
                baseline={{ key: 'active', name: 'Active' }}
                compared={{ key: 'challenger', name: 'Challenger', fill: '#4c6ef5' }}
              />
              <Table
                testId="retraining-runs"
                caption="Retraining runs"
                columns={[
                  'Run',
                  'When',
                  'Active',
                  'Challenger',
                  num('Active AUC'),
                  num('Challenger AUC'),
                  num('Held out'),
                  'Decision',
                ]}
              >
                {[...data.items].reverse().map((r) => (
                  <tr key={r.seq} title={r.reason}>
                    <td>#{r.seq}</td>
                    <td>{formatTime(r.at)}</td>
                    <td>{r.activeVersion === null ? '—' : `v${r.activeVersion}`}</td>
                    <td>{r.challengerVersion === null ? '—' : `v${r.challengerVersion}`}</td>
                    <td className="num">{r.activeAuc?.toFixed(3) ?? '—'}</td>
                    <td className="num">{r.challengerAuc?.toFixed(3) ?? '—'}</td>
                    <td className="num">{r.heldOut}</td>
                    <td>
                      <span
                        className={`badge ${r.decision === 'activated' ? 'ok' : r.decision === 'failed' ? 'error' : ''}`}
                      >
                        {r.decision}
                      </span>{' '}
                      <span className="muted">{r.reason}</span>
                    </td>
                  </tr>
                ))}
              </Table>
            </>
          )
        }
      </LoadedList>
    </div>
  );
}
